-- A return address is often an individual seller's home address: kept encrypted (PersonalDataCipher, field
-- "afterSale.returnAddress", marked "enc:"), which needs a wider column. Addresses stored in plain text before, and the
-- "return to <address>" details of approval events, are encrypted or cleared by the service when it starts.
alter table after_sale alter column return_address set data type varchar(2000);
