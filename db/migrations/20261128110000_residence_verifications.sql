-- Residence verification (议事厅, issue 7): a resident asks to be verified in their home
-- community, giving the address detail; area staff whose area contains that community approve
-- or reject it with a reason, and may revoke an approval later with a reason. Only verified
-- residents vote in the consultations of an area that contains their community.
create table residence_verifications (
    id bigint generated always as identity primary key,
    resident_id bigint not null references users (id),
    community_id bigint not null references areas (id),
    -- building, unit and room: what staff check against their records
    address text not null,
    status text not null default 'pending',
    -- a rejection's or a revocation's reason
    reason text,
    decided_by bigint references users (id),
    decided_at timestamptz,
    created_at timestamptz not null default now(),
    constraint residence_verifications_status_check
        check (status in ('pending', 'approved', 'rejected', 'revoked', 'dropped')),
    constraint residence_verifications_reason_check
        check ((status in ('rejected', 'revoked')) = (reason is not null)),
    constraint residence_verifications_decided_check
        check ((status = 'pending') = (decided_at is null))
);
-- At most one live (pending or approved) verification per resident.
create unique index residence_verifications_live_idx on residence_verifications (resident_id)
    where status in ('pending', 'approved');
-- Staff queues: the pending and approved ones of the communities in an area.
create index residence_verifications_community_idx on residence_verifications (community_id, status);

-- Whether area `area_id` contains community `community_id` (itself, its street, its district or
-- the city).
create function area_contains(area_id bigint, community_id bigint) returns boolean
language sql stable as $$
    select exists (
        select 1 from areas m
        join areas s on s.id = m.parent_id
        join areas d on d.id = s.parent_id
        where m.id = community_id
          and area_id in (m.id, s.id, d.id, d.parent_id))
$$;

-- Moving home drops a live verification, whichever path changes the home community.
create function drop_verification_on_move() returns trigger language plpgsql as $$
begin
    update residence_verifications
    set status = 'dropped', decided_at = now()
    where resident_id = new.id and status in ('pending', 'approved')
      and community_id is distinct from new.home_community_id;
    return null;
end;
$$;

create trigger users_drop_verification_on_move
    after update of home_community_id on users
    for each row when (old.home_community_id is distinct from new.home_community_id)
    execute function drop_verification_on_move();
