-- After-sales cases (API.md "After-sales"; RULES.md "Returns and refunds"): one row per request, its timeline in
-- after_sale_event. Only the consumer closes a case (WITHDRAWN); every other end is a refund or a recorded decision.
create table after_sale (
    id                      varchar(40)   primary key,
    order_id                varchar(40)   not null references orders (id),
    consumer_id             varchar(40)   not null,
    merchant_id             varchar(40)   not null,
    type                    varchar(24)   not null,
    reason                  varchar(24)   not null,
    status                  varchar(24)   not null,
    amount_fen              bigint        not null,
    description             varchar(2000) not null,
    evidence_ids            varchar(1000) not null,
    return_shipping_payer   varchar(16)   not null,
    respond_by              timestamp with time zone,
    rejection_reason        varchar(500),
    rejection_evidence_ids  varchar(1000),
    return_address          varchar(400),
    return_carrier          varchar(40),
    return_tracking_number  varchar(40),
    return_shipped_at       timestamp with time zone,
    receive_by              timestamp with time zone,
    return_received_at      timestamp with time zone,
    refund_due_by           timestamp with time zone,
    refunded_fen            bigint        not null,
    refund_source           varchar(24),
    compensated_by_platform boolean       not null,
    created_at              timestamp with time zone not null,
    updated_at              timestamp with time zone not null
);
create index after_sale_order on after_sale (order_id);
create index after_sale_merchant on after_sale (merchant_id, created_at);
create index after_sale_consumer on after_sale (consumer_id, created_at);

create table after_sale_event (
    after_sale_id varchar(40)  not null references after_sale (id),
    seq           int          not null,
    at            timestamp with time zone not null,
    event         varchar(40)  not null,
    actor         varchar(60)  not null,
    detail        varchar(1000),
    primary key (after_sale_id, seq)
);
