package cn.fangxin.aftersales;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code fangxin.after-sales.*}: the case deadlines.
 *
 * @param respondWindow the merchant's time to decide a request (48 h); silence approves
 * @param returnReceiveWindow from the consumer's return shipment until silence counts as received when no delivery is
 *        reported (10 days)
 * @param receiveAfterDelivery once the return is reported delivered, the shop's time to confirm receipt (3 days);
 *        silence counts as received
 * @param returnShipWindow after a return's approval, the consumer's time to send the goods back (7 days); later, the
 *        case stops holding the order
 * @param refundWindow from receipt of the return (or approval of a refund-only request) until the refund is due (7
 *        days, CRPL art. 25); then the platform pays first
 */
@ConfigurationProperties("fangxin.after-sales")
public record AfterSalesProperties(Duration respondWindow, Duration returnReceiveWindow,
		Duration receiveAfterDelivery, Duration returnShipWindow, Duration refundWindow) {

	public AfterSalesProperties {
		returnShipWindow = returnShipWindow == null ? Duration.ofDays(7) : returnShipWindow;
		receiveAfterDelivery = receiveAfterDelivery == null ? Duration.ofDays(3) : receiveAfterDelivery;
		respondWindow = respondWindow == null ? Duration.ofHours(48) : respondWindow;
		returnReceiveWindow = returnReceiveWindow == null ? Duration.ofDays(10) : returnReceiveWindow;
		refundWindow = refundWindow == null ? Duration.ofDays(7) : refundWindow;
	}
}
