-- Staff find an order by what a caller can tell them: the recipient's mobile number (a keyed blind index of it, never
-- the number: the address stays encrypted) or the tracking number.
alter table orders add column phone_index varchar(64);
create index orders_phone on orders (phone_index);
create index orders_tracking on orders (tracking_number);
