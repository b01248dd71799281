-- An invoice's title (an individual's own name) and taxpayer id (an individual's is the resident ID number) are
-- personal data: kept encrypted (PersonalDataCipher, field "invoice.buyer") in buyer_cipher. The plain columns stay
-- only for rows written before this version; the service encrypts those and clears them when it starts.
alter table invoice_request add column buyer_cipher varchar(1000);
alter table invoice_request alter column title drop not null;
