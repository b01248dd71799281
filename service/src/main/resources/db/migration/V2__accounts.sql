-- Accounts. The phone is Tink AEAD ciphertext (base64); usernames are stored in lower case.
create table account (
    id            varchar(40)  primary key,
    username      varchar(32)  not null,
    password_hash varchar(255) not null,
    role          varchar(16)  not null,
    display_name  varchar(100) not null,
    phone_enc     varchar(500),
    enabled       boolean      not null,
    created_at    timestamp with time zone not null,
    constraint account_username unique (username),
    constraint account_role check (role in ('CONSUMER', 'MERCHANT', 'AGENT', 'ARBITRATOR', 'REGULATOR', 'ADMIN'))
);
create index account_role on account (role, created_at);
