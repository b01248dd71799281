-- Whether the outbox's answer came from the provider or from a gateway with no API for it here (nothing was sent:
-- staff pay it by hand, any way). Null for rows sent before: taken as asked.
alter table payment_refund add column provider_asked boolean;
