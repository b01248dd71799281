-- Invoice requests (E-Commerce Law art. 14): the shop issues the invoice as INVOICE evidence within 5 working days;
-- overdue or refused → a mark on the shop's record and a case in the staff's queue.
create table invoice_request (
    id             varchar(40)  primary key,
    order_id       varchar(40)  not null references orders (id),
    consumer_id    varchar(40)  not null,
    merchant_id    varchar(40)  not null,
    title          varchar(100) not null,
    tax_id         varchar(20),
    status         varchar(16)  not null,
    due_by         timestamp with time zone not null,
    evidence_id    varchar(40),
    refusal_reason varchar(500),
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null
);
create index invoice_request_order on invoice_request (order_id);
create index invoice_request_merchant on invoice_request (merchant_id, created_at);
create index invoice_request_status on invoice_request (status, updated_at);

-- Address changes before shipment: the shop accepts or declines within 24 h; silence goes to customer service.
create table address_change (
    id              varchar(40)  primary key,
    order_id        varchar(40)  not null references orders (id),
    consumer_id     varchar(40)  not null,
    merchant_id     varchar(40)  not null,
    address_cipher  varchar(2000) not null,
    address_masked  varchar(300) not null,
    status          varchar(16)  not null,
    respond_by      timestamp with time zone not null,
    decline_reason  varchar(500),
    decided_by      varchar(60),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
create index address_change_order on address_change (order_id);
create index address_change_merchant on address_change (merchant_id, created_at);
create index address_change_status on address_change (status, updated_at);
