-- An exchange ends with the shop's replacement shipment, due within the refund window of the return's receipt.
alter table after_sale add column replacement_carrier varchar(40);
alter table after_sale add column replacement_tracking_number varchar(40);
alter table after_sale add column replacement_shipped_at timestamp with time zone;

-- The return's delivery (reported by staff or, later, the carrier): the shop's silence from then counts as receipt.
alter table after_sale add column return_delivered_at timestamp with time zone;
