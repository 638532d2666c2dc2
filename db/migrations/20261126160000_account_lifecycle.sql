-- The rest of an account's life: a password that can change (ending the sessions signed in
-- with the old one), hotline caller records that a resident takes over by confirming the
-- number, and deletion.
--
-- A users row is one of:
--   an account      phone and password_hash set;
--   a caller record phone set, no password: a hotline operator filed for this number (the
--                   handling issue), nobody can sign in; whoever confirms the number takes it over;
--   deleted         no phone, no password, no name, deleted_at set; its requests stay, de-identified.

alter table users
    -- raised by every password change; a session remembers the version it signed in with
    add column password_version integer not null default 0,
    add column deleted_at timestamptz,
    add constraint users_deleted_check check (
        deleted_at is null or (phone is null and password_hash is null and display_name = '')
    ),
    add constraint users_staff_password_check check (
        role = 'resident' or password_hash is not null or deleted_at is not null
    );
