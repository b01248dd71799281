package cn.fangxin.aftersales;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code fangxin.after-sales.*}: the case deadlines.
 *
 * @param respondWindow the merchant's time to decide a request (48 h); silence approves
 * @param returnReceiveWindow from the consumer's return shipment until silence counts as received (10 days; stands in
 *        for "delivered, then silent" until carriers report deliveries)
 * @param refundWindow from receipt of the return (or approval of a refund-only request) until the refund is due (7
 *        days, CRPL art. 25); then the platform pays first
 */
@ConfigurationProperties("fangxin.after-sales")
public record AfterSalesProperties(Duration respondWindow, Duration returnReceiveWindow, Duration refundWindow) {

	public AfterSalesProperties {
		respondWindow = respondWindow == null ? Duration.ofHours(48) : respondWindow;
		returnReceiveWindow = returnReceiveWindow == null ? Duration.ofDays(10) : returnReceiveWindow;
		refundWindow = refundWindow == null ? Duration.ofDays(7) : refundWindow;
	}
}
