-- The bank account a shop withdraws to (提现). The payee is always the shop's registered legal name (a same-name
-- account); the number is encrypted and shown masked. A change starts a hold on withdrawals, so that someone who took
-- over the shop's login cannot send its money to their own account at once.
create table merchant_bank_account (
    merchant_id    varchar(40)  primary key,
    bank_name      varchar(60)  not null,
    account_cipher varchar(500) not null,
    account_masked varchar(40)  not null,
    changed_at     timestamp with time zone not null,
    changed_by     varchar(100) not null
);

-- Withdrawals: booked from the shop's available balance to the provider's clearing account (transfer
-- withdrawal:<id>, code PAYOUT), then sent to the provider by the outbox (deadline kind PAYMENT_SEND_WITHDRAWAL). One the
-- provider refuses is booked back (withdrawal-return:<id>, code CORRECTION) and is FAILED with the provider's reason.
create table payment_withdrawal (
    id               varchar(100) primary key,
    merchant_ref     varchar(40)  not null,
    provider         varchar(16)  not null,
    amount           bigint       not null,
    debit_account_id varchar(100) not null,
    payee_cipher     varchar(500) not null,
    bank_name        varchar(60)  not null,
    account_cipher   varchar(500) not null,
    account_masked   varchar(40)  not null,
    status           varchar(16)  not null,
    provider_txn_id  varchar(200),
    failure_reason   varchar(500),
    requested_by     varchar(100) not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    sent_at          timestamp with time zone,
    constraint payment_withdrawal_amount check (amount > 0),
    constraint payment_withdrawal_status check (status in ('PENDING', 'SUCCEEDED', 'FAILED'))
);
create index payment_withdrawal_merchant on payment_withdrawal (merchant_ref, created_at);
