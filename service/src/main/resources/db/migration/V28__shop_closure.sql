-- A merchant may close its shop (status CLOSED) once nothing is open with buyers; its deposit is returned to its
-- balance after the claims period (deadline MERCHANT_DEPOSIT_RELEASE).
alter table merchant drop constraint merchant_status;
alter table merchant add constraint merchant_status check (status in ('PENDING_REVIEW', 'ACTIVE', 'REJECTED',
    'VERIFICATION_DUE', 'SUSPENDED', 'BANNED', 'CLOSED'));
