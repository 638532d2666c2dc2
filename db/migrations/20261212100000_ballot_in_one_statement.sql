-- A ballot in one statement (issue 22). It took a transaction of four statements (the ballot
-- box locked for share, the ballot, its choices, and BEGIN and COMMIT around them), after the
-- session and the account: seven round trips. The server now reads the ballot box without a
-- lock, checks the ballot against it, and casts it with this function, which takes the lock
-- and checks again that the consultation is open and the resident verified in its area (one
-- may have closed, or a verification been revoked, in between): four round trips.
--
-- Each statement of a PL/pgSQL function sees what committed before it ran, so a resident's
-- concurrent ballots serialize on the ballot row as before: the second waits for the first's
-- lock, then its delete sees the first one's choices whole, removes them and writes its own;
-- one ballot remains. Returns false, and writes nothing, when the ballot is no longer
-- allowed; an option of another consultation fails its foreign key, as before.
create function cast_ballot(consultation bigint, voter bigint, chosen bigint[])
returns boolean language plpgsql as $$
begin
    perform 1 from consultations c
    where c.id = consultation and c.status = 'published'
      and c.opens_at <= now() and now() < c.closes_at
      and exists (select 1 from residence_verifications v
                  where v.resident_id = voter and v.status = 'approved'
                    and area_contains(c.area_id, v.community_id))
    for share of c;
    if not found then
        return false;
    end if;
    insert into ballots (consultation_id, resident_id) values (consultation, voter)
    on conflict (consultation_id, resident_id) do update set changed_at = now();
    delete from ballot_choices where consultation_id = consultation and resident_id = voter;
    insert into ballot_choices (consultation_id, resident_id, option_id)
    select consultation, voter, o from unnest(chosen) as o;
    return true;
end
$$;
