-- Timeline details and hold reasons kept as data (a bundle key and its arguments, JSON), so that each reader reads
-- them in their own language; the English text stays beside them for the API and is all that older rows have.
alter table order_event add column detail_data varchar(20000);
alter table order_event alter column detail set data type varchar(2000);
alter table after_sale_event add column detail_data varchar(20000);
alter table after_sale_event alter column detail set data type varchar(2000);
alter table complaint_event add column detail_data varchar(20000);
alter table order_hold add column reason_data varchar(4000);
alter table order_hold alter column reason set data type varchar(500);
