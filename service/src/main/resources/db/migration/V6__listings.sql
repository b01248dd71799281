-- Listings and their immutable versions (every edit is a new row); the price history is read from the versions.
create table listing (
    id              varchar(40) primary key,
    merchant_id     varchar(40) not null references merchant (id),
    status          varchar(12) not null,
    current_version int         not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint listing_status check (status in ('ACTIVE', 'DELISTED'))
);
create index listing_merchant on listing (merchant_id, status, created_at);

create table listing_version (
    listing_id                      varchar(40)   not null references listing (id),
    version                         int           not null,
    title                           varchar(100)  not null,
    description                     varchar(4000) not null,
    category                        varchar(16)   not null,
    price_fen                       bigint        not null,
    reference_price_fen             bigint,
    functions                       varchar(2000) not null,
    format_clauses                  varchar(12000) not null,
    seven_day_no_reason             boolean       not null,
    exclusion_reason                varchar(32),
    brand                           varchar(100),
    brand_authorization_evidence_id varchar(40),
    image_evidence_ids              varchar(1000) not null,
    ship_within_hours               int           not null,
    created_by                      varchar(40)   not null,
    created_at                      timestamp with time zone not null,
    primary key (listing_id, version),
    constraint listing_version_price check (price_fen > 0),
    constraint listing_version_returns check (seven_day_no_reason or exclusion_reason is not null)
);
