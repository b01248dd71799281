-- Orders with escrow (API.md "Orders and escrow"). The money is in the ledger (escrow:<order id>); these rows carry the
-- order's state, its frozen items, its timeline, the holds other modules place on it and failed pay-after-receipt debts.
create table orders (
    id                   varchar(40)  primary key,
    consumer_id          varchar(40)  not null,
    merchant_id          varchar(40)  not null references merchant (id),
    status               varchar(20)  not null,
    payment_mode         varchar(20)  not null,
    total_fen            bigint       not null,
    snapshot_evidence_id varchar(40)  not null,
    ship_within_hours    int          not null,
    -- the shipping address, encrypted (personal data); the masked form for display
    address_cipher       varchar(2000) not null,
    address_masked       varchar(300) not null,
    payment_id           varchar(40),
    carrier              varchar(60),
    tracking_number      varchar(60),
    pay_by               timestamp with time zone,
    ship_by              timestamp with time zone,
    shipped_at           timestamp with time zone,
    delivered_at         timestamp with time zone,
    confirm_by           timestamp with time zone,
    completed_at         timestamp with time zone,
    closed_reason        varchar(40),
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint orders_total check (total_fen > 0),
    constraint orders_mode check (payment_mode in ('ESCROW', 'PAY_AFTER_RECEIPT')),
    constraint orders_status check (status in ('AWAITING_PAYMENT', 'PAID', 'AWAITING_SHIPMENT', 'SHIPPED', 'DELIVERED',
        'COMPLETED', 'CANCELLED', 'REFUNDED', 'CHARGE_FAILED'))
);
create index orders_consumer on orders (consumer_id, created_at);
create index orders_merchant on orders (merchant_id, status, created_at);
create index orders_status on orders (status, ship_by);

create table order_item (
    order_id          varchar(40)  not null references orders (id),
    line              int          not null,
    listing_id        varchar(40)  not null,
    listing_version   int          not null,
    title             varchar(100) not null,
    unit_price_fen    bigint       not null,
    quantity          int          not null,
    seven_day_no_reason boolean    not null,
    exclusion_reason  varchar(32),
    primary key (order_id, line),
    constraint order_item_quantity check (quantity between 1 and 999)
);

create table order_event (
    order_id varchar(40)  not null references orders (id),
    seq      int          not null,
    at       timestamp with time zone not null,
    event    varchar(40)  not null,
    actor    varchar(60)  not null,
    detail   varchar(500),
    primary key (order_id, seq)
);

-- What holds an order's automatic completion: an open after-sales case or complaint (by its reference).
create table order_hold (
    order_id  varchar(40)  not null references orders (id),
    ref       varchar(60)  not null,
    reason    varchar(200) not null,
    placed_at timestamp with time zone not null,
    lifted_at timestamp with time zone,
    primary key (order_id, ref)
);

-- A pay-after-receipt order whose charge failed at confirmation: a debt for staff to pursue.
create table order_debt (
    order_id   varchar(40)  primary key references orders (id),
    amount_fen bigint       not null,
    reason     varchar(300) not null,
    status     varchar(12)  not null,
    opened_at  timestamp with time zone not null,
    settled_at timestamp with time zone,
    constraint order_debt_status check (status in ('OPEN', 'SETTLED'))
);
create index order_debt_open on order_debt (status, opened_at);

-- Marks on a merchant's record (late shipment, ...), public in count.
create table merchant_mark (
    id          varchar(40)  primary key,
    merchant_id varchar(40)  not null references merchant (id),
    kind        varchar(32)  not null,
    ref         varchar(60)  not null,
    at          timestamp with time zone not null,
    constraint merchant_mark_once unique (merchant_id, kind, ref)
);
