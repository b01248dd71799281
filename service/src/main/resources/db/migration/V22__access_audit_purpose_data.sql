-- The access audit's purpose kept as data (a bundle key and its arguments, JSON) beside its English text, so that
-- administrators read it in their own language; entries written before keep their English text only.
alter table access_audit add column purpose_data varchar(4000);
