-- A person's own records, newest first (the evidence page's list and GET /api/v1/evidence without a subject).
create index evidence_submitter on evidence (submitter, leaf_index);
