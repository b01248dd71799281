-- Tracking numbers are kept in capitals from now on (staff's search upper-cases what it is given): those stored as
-- typed before are brought in line.
update orders set tracking_number = upper(tracking_number)
where tracking_number is not null and tracking_number <> upper(tracking_number);

-- Orders shipped before the presumed-delivery deadline existed get theirs, 15 days after shipment (the default of
-- fangxin.orders.delivery-report-window; the handler moves one that falls due before the configured window is over).
insert into deadline (kind, subject_id, due_at, status, attempts, created_at)
select 'ORDER_PRESUMED_DELIVERY', id, shipped_at + interval '15' day, 'PENDING', 0, current_timestamp
from orders where status = 'SHIPPED' and shipped_at is not null;
