package cn.fangxin.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fangxin.orders.*}: the order deadlines.
 *
 * @param paymentWindow how long an order waits for payment (30 minutes)
 * @param confirmWindow how long after delivery an order completes by itself (10 days)
 * @param afterHoldWindow the least time a consumer gets after the last hold is lifted (3 days)
 * @param confirmExtension how much longer a consumer may take, once, before a delivered order completes by itself (5
 *        days: goods that came late, or need trying)
 * @param deliveryReportWindow how long after shipment, with no delivery reported, the order is taken as delivered and
 *        its 10 days to confirm start (15 days: longer than any domestic express takes, so a parcel lost on the way
 *        leaves the consumer 25 days from shipment to say so)
 */
@ConfigurationProperties("fangxin.orders")
public record OrderProperties(@DefaultValue("30m") Duration paymentWindow, @DefaultValue("10d") Duration confirmWindow,
		@DefaultValue("3d") Duration afterHoldWindow, @DefaultValue("15d") Duration deliveryReportWindow,
		@DefaultValue("5d") Duration confirmExtension) {
}
