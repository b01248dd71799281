-- A refund or payout staff paid by hand, when the provider refused it or cannot be asked through its API: how
-- (PROVIDER: in the provider's own console, under the same refund; BANK_TRANSFER: another way, booked as a
-- correction from the bank's clearing account), the proof staff give (a transfer's number) and who recorded it when.
alter table payment_refund add column settled_channel varchar(20);
alter table payment_refund add column settled_reference varchar(200);
alter table payment_refund add column settled_by varchar(100);
alter table payment_refund add column settled_at timestamp with time zone;
