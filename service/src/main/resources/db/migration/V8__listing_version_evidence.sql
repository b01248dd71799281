-- Each listing version is also an evidence record in the transparency log.
alter table listing_version add column evidence_id varchar(40);
