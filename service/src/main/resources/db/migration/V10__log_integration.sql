-- The log is sequenced and integrated in two steps. An appender, in its record's own transaction, only takes the next
-- leaf indices (log_state.size) and stores the records with them; the integrator (the checkpoint signer) then hashes
-- the new leaves into log_node and moves log_integrated.size on, under a lock of its own. Proofs, roots, tiles and
-- checkpoints cover the integrated tree; sequenced but not yet integrated leaves are at most one signing round away.
create table log_integrated (
    id   int    primary key,
    size bigint not null
);
insert into log_integrated (id, size) select id, size from log_state where id = 1;

-- No query looks evidence up by content hash; the index only cost every append an insert into a random B-tree page.
drop index evidence_sha;
