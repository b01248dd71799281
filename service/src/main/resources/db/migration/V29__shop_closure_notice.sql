-- A shop that stops announces it 30 days ahead on its page (E-Commerce Law art. 16): status CLOSING until closes_at,
-- when the deadline MERCHANT_CLOSE closes it (CLOSED) once nothing is open with buyers.
alter table merchant drop constraint merchant_status;
alter table merchant add constraint merchant_status check (status in ('PENDING_REVIEW', 'ACTIVE', 'REJECTED',
    'VERIFICATION_DUE', 'SUSPENDED', 'BANNED', 'CLOSING', 'CLOSED'));
alter table merchant add column closes_at timestamp with time zone;
