-- Evidence the system makes (order snapshots, listing versions, case events) is small: up to 64 KiB of it is kept in
-- the database beside its record, so that it is written and made durable by the very commit that records it (an order
-- and its snapshot content commit together). Uploads and larger content stay in the blob store, addressed by SHA-256.
-- A table of its own, written once and never updated: numbering a record (evidence.leaf_index) does not rewrite its
-- content. No foreign key: a content row is only ever written in the batch that writes its record, and the audit
-- checks every record's content against its leaf.
create table evidence_content (
    evidence_id varchar(40) primary key,
    content     bytea       not null
);
