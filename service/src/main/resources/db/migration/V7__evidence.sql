-- The evidence vault and its transparency log (RFC 9162). Blobs live in the blob store, addressed by SHA-256.
create table evidence (
    id             varchar(40)  primary key,
    kind           varchar(24)  not null,
    sha256         varchar(64)  not null,
    size           bigint       not null,
    media_type     varchar(100) not null,
    occurred_at    timestamp with time zone,
    recorded_at    timestamp with time zone not null,
    submitter      varchar(40)  not null,
    order_ref      varchar(64),
    complaint_ref  varchar(64),
    parties        varchar(400) not null,
    leaf           varchar(2000) not null,
    leaf_index     bigint,
    constraint evidence_leaf_index unique (leaf_index)
);
create index evidence_order on evidence (order_ref);
create index evidence_complaint on evidence (complaint_ref);
create index evidence_sha on evidence (sha256);

-- The log's size; its row is locked for the moment a committing transaction appends its leaves.
create table log_state (
    id   int    primary key,
    size bigint not null
);
insert into log_state (id, size) values (1, 0);

-- Every complete subtree of the log: level 0 are leaf hashes; node (l, i) covers leaves [i·2^l, (i+1)·2^l).
-- Any subtree hash, proof or tile is assembled from O(log n) of these rows.
create table log_node (
    level int         not null,
    idx   bigint      not null,
    hash  varchar(64) not null,
    primary key (level, idx)
);

-- Signed checkpoints, one per tree size signed (C2SP tlog-checkpoint, Ed25519 signed note).
create table log_checkpoint (
    size            bigint      primary key,
    root            varchar(64) not null,
    note            varchar(4000) not null,
    signed_at       timestamp with time zone not null,
    timestamp_token varchar(20000)
);
