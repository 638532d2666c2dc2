-- One-time codes sent by SMS (stored hashed), and what the development sender "sent".
-- A registration waits in its code's row until the number is confirmed: the account is
-- created from the details the code was sent for, so registering the same number again
-- elsewhere cannot change what an earlier code confirms.

create table phone_codes (
    id bigint generated always as identity primary key,
    phone text not null,
    purpose text not null,
    code_hash text not null,
    expires_at timestamptz not null,
    tries integer not null default 0,
    used_at timestamptz,
    client_addr text,
    -- the pending account of a registration
    password_hash text,
    display_name text,
    home_community_id bigint references areas (id),
    created_at timestamptz not null default now(),
    constraint phone_codes_purpose_check check (purpose in ('register', 'reset_password')),
    constraint phone_codes_tries_check check (tries >= 0),
    constraint phone_codes_registration_check check (
        (purpose = 'register')
        = (password_hash is not null and display_name is not null and home_community_id is not null)
    )
);
create index phone_codes_phone_created_at_idx on phone_codes (phone, created_at);
create index phone_codes_client_addr_created_at_idx on phone_codes (client_addr, created_at);

-- What the development SMS sender "sent": read by developers and tests, never by production.
create table sms_outbox (
    id bigint generated always as identity primary key,
    phone text not null,
    body text not null,
    created_at timestamptz not null default now()
);
create index sms_outbox_phone_idx on sms_outbox (phone, id);
