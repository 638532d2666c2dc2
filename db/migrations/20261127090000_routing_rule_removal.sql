-- An admin may remove a routing rule. Requests it proposed a unit for keep the unit
-- (`proposed_unit_id`); only their link to the rule goes.
alter table requests
    drop constraint requests_routing_rule_id_fkey,
    add constraint requests_routing_rule_id_fkey
        foreign key (routing_rule_id) references routing_rules (id) on delete set null;
