-- area_contains and area_within were SQL functions whose body is a subquery. Postgres does not
-- inline such a function and does not keep its plan: it planned the query again on every call
-- (each ballot's check, each comment's, each row of a turnout count). The ballot benchmark's
-- database half (scripts/bench/ballot.pgbench) went from about 1,300 to 1,700 tps once they
-- became PL/pgSQL, which keeps a function's plans for the session. Same arguments, same
-- results.

create or replace function area_contains(area_id bigint, community_id bigint) returns boolean
language plpgsql stable as $$
begin
    return exists (
        select 1 from areas m
        join areas s on s.id = m.parent_id
        join areas d on d.id = s.parent_id
        where m.id = community_id
          and area_id in (m.id, s.id, d.id, d.parent_id));
end
$$;

create or replace function area_within(outer_id bigint, inner_id bigint) returns boolean
language plpgsql stable as $$
begin
    return exists (
        select 1 from areas a
        left join areas p on p.id = a.parent_id
        left join areas g on g.id = p.parent_id
        where a.id = inner_id and outer_id in (a.id, p.id, g.id, g.parent_id));
end
$$;
