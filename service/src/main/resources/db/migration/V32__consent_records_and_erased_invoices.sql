-- Consent records per purpose (PIPL arts. 13-14, 29; RULES.md "consent for a stated purpose"): who agreed to which
-- notice, for which purpose, when and through which channel. Written once, never changed: a withdrawal is a new row.
create table consent_record (
    id              varchar(40) primary key,
    account_id      varchar(40) not null,
    purpose         varchar(32) not null,
    granted         boolean     not null,
    notice_version  varchar(20) not null,
    channel         varchar(8)  not null,
    recorded_at     timestamp with time zone not null,
    constraint consent_purpose check (purpose in ('PRIVACY_NOTICE', 'IDENTITY_DOCUMENT')),
    constraint consent_channel check (channel in ('WEB', 'API'))
);
create index consent_record_account on consent_record (account_id, recorded_at);

-- An invoice request whose buyer was erased on the consumer's request (so that erasure's sweeps pass it by).
alter table invoice_request add column erased boolean default false not null;
