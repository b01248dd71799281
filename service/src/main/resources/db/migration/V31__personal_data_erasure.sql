-- Erasure on request (PIPL art. 47; RULES.md "keep ... transaction records": personal data pseudonymised on erasure,
-- records kept). An erased account keeps its id, which its orders, cases and evidence name; its username, name, phone
-- and password are replaced and it can no longer sign in. erased_at says when, so that every instance refuses the
-- tokens it issued before.
alter table account add column erased_at timestamp with time zone;
create index account_erased on account (erased_at);
