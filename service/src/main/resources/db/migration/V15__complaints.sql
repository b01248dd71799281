-- Payouts beyond a payment (compensation awarded to a consumer) share the refund table, marked by kind; only REFUND
-- rows count towards what was returned of the payment.
alter table payment_refund add column kind varchar(16) default 'REFUND' not null;

-- Complaints (API.md "Complaints"; RULES.md "Complaints and deadlines", "Compensation"): one row per complaint, its
-- timeline in complaint_event. tier and status move together; due_at is the current tier's deadline (the desk's order).
create table complaint (
    id                    varchar(40)   primary key,
    consumer_id           varchar(40)   not null,
    merchant_id           varchar(40)   not null,
    order_id              varchar(40),
    listing_id            varchar(40),
    channel               varchar(24)   not null,
    category              varchar(32)   not null,
    tier                  varchar(24)   not null,
    status                varchar(24)   not null,
    priority              varchar(8)    not null,
    text                  varchar(4000) not null,
    claims                varchar(400)  not null,
    amount_fen            bigint,
    price_fen             bigint,
    evidence_ids          varchar(1000) not null,
    entered_by            varchar(60),
    due_step              varchar(32),
    due_at                timestamp with time zone,
    first_response_at     timestamp with time zone,
    offer_refund_fen      bigint,
    offer_compensation_fen bigint,
    offer_action          varchar(24),
    offer_message         varchar(2000),
    decided_by            varchar(40),
    outcome               varchar(16),
    decision_refund_fen   bigint,
    decision_compensation_fen bigint,
    sanction              varchar(16),
    reasoning             varchar(4000),
    decided_at            timestamp with time zone,
    appeal_by             timestamp with time zone,
    appealed_by           varchar(40),
    refunded_fen          bigint        not null,
    compensated_fen       bigint        not null,
    resolution            varchar(40),
    resolved_at           timestamp with time zone,
    collective_case_id    varchar(40),
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null
);
create index complaint_consumer on complaint (consumer_id, created_at);
create index complaint_merchant on complaint (merchant_id, created_at);
create index complaint_queue on complaint (status, due_at);
create index complaint_order on complaint (order_id);
create index complaint_collective on complaint (merchant_id, category, created_at);

create table complaint_event (
    complaint_id varchar(40)   not null references complaint (id),
    seq          int           not null,
    at           timestamp with time zone not null,
    event        varchar(40)   not null,
    actor        varchar(60)   not null,
    tier         varchar(24)   not null,
    detail       varchar(2000),
    primary key (complaint_id, seq)
);

-- A deadline set on a complaint and whether it was met: the statistics' "deadlines met".
create table complaint_deadline (
    complaint_id varchar(40)  not null references complaint (id),
    step         varchar(32)  not null,
    due_at       timestamp with time zone not null,
    closed_at    timestamp with time zone,
    met          boolean,
    primary key (complaint_id, step, due_at)
);

-- Referrals to the regulator (12315) and court, with the regulator's answers.
create table complaint_referral (
    id            varchar(40)  primary key,
    complaint_id  varchar(40)  not null references complaint (id),
    destination   varchar(24)  not null,
    status        varchar(24)  not null,
    created_by    varchar(60)  not null,
    created_at    timestamp with time zone not null,
    accept_by     timestamp with time zone,
    accepted_at   timestamp with time zone,
    mediate_by    timestamp with time zone,
    closed_at     timestamp with time zone,
    note          varchar(2000)
);
create index complaint_referral_complaint on complaint_referral (complaint_id);
create index complaint_referral_inbox on complaint_referral (destination, created_at);

-- Collective cases: 5 or more consumers against one merchant in one category (and listing) within 30 days.
create table collective_case (
    id           varchar(40)  primary key,
    merchant_id  varchar(40)  not null,
    category     varchar(32)  not null,
    listing_id   varchar(40),
    created_at   timestamp with time zone not null
);
create index collective_case_key on collective_case (merchant_id, category);
