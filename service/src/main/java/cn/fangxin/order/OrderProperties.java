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
 */
@ConfigurationProperties("fangxin.orders")
public record OrderProperties(@DefaultValue("30m") Duration paymentWindow, @DefaultValue("10d") Duration confirmWindow,
		@DefaultValue("3d") Duration afterHoldWindow) {
}
