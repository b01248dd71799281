-- Refunds and payouts are sent to the provider after the booking commits (an outbox on the durable scheduler, kind
-- "PAYMENT_SEND_REFUND"): sent_at says when the provider was asked. Rows before this were asked in their booking
-- transaction.
alter table payment_refund add column sent_at timestamp with time zone;
update payment_refund set sent_at = updated_at;
-- a refund id (up to 100 characters) is the outbox deadline's subject
alter table deadline alter column subject_id set data type varchar(100);
-- staff follow up refunds and payouts that are not SUCCEEDED (the provider refused, has not answered, or has no payout API)
create index payment_refund_open on payment_refund (status, created_at);
-- a provider's refund id may carry ours (up to 100 characters): the sandbox answers "sandbox-refund-<refund id>"
alter table payment_refund alter column provider_refund_id set data type varchar(200);
-- what the provider said with its answer (why it refused, or that staff pay by hand)
alter table payment_refund add column provider_reason varchar(500);
