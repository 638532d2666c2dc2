-- The ballot benchmarks' residents and consultations (psql -v r=10000): :r residents of
-- 曙光街道's communities (13600000000…), verified there, with the demo resident's password
-- (jiesu-resident); 100 consultations of the street, open now, four options each. Used by
-- scripts/bench/ballots.sh and scripts/bench/all.sh.
with street as (select id from areas where code = '110108025'),
     communities as (
         select row_number() over (order by a.id) - 1 as n, a.id, count(*) over () as total
         from areas a, street s where a.parent_id = s.id),
     residents as (
         insert into users (phone, password_hash, display_name, role, home_community_id)
         select (13600000000 + g)::text, u.password_hash, '议事居民' || g, 'resident', c.id
         from generate_series(0, :r - 1) g
         cross join (select password_hash from users where phone = '13800000001') u
         join communities c on c.n = g % c.total
         returning id, home_community_id)
insert into residence_verifications (resident_id, community_id, address, status, decided_at)
select id, home_community_id, '压测楼', 'approved', now() from residents;

with made as (
    insert into consultations (area_id, title, background, question, max_choices, results_shown,
                               opens_at, closes_at, status, created_by)
    select (select id from areas where code = '110108025'), '压测议事 ' || g, '压测', '选哪个？',
           2, 'live', now() - interval '1 hour', now() + interval '1 day', 'published',
           (select id from users where phone = '13800000005')
    from generate_series(1, 100) g
    returning id)
insert into consultation_options (consultation_id, position, label)
select m.id, p, '选项' || p from made m, generate_series(1, 4) p;
