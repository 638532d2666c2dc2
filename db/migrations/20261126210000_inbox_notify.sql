-- Live inbox: every new notification wakes the browsers of its recipient, whichever server
-- process they are connected to (LISTEN jiesu_inbox; the payload is the user's id). NOTIFY
-- sends one message per distinct payload per transaction, so a batch wakes each user once.
create function notify_inbox() returns trigger language plpgsql as $$
begin
    perform pg_notify('jiesu_inbox', new.user_id::text);
    return null;
end;
$$;

create trigger notifications_notify_inbox after insert on notifications
    for each row execute function notify_inbox();
