-- Goods excluded from 7-day no-reason returns only with the consumer's confirmation at purchase (CRPL art. 25 ¶2):
-- the order records that confirmation per item (and the ORDER_SNAPSHOT carries it).
alter table order_item add column confirmed_no_return boolean default false not null;
