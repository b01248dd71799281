package cn.fangxin.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Purchases;

/**
 * Customer service finds an order by what a caller can tell them: the mobile number it ships to, or its tracking
 * number. The number is matched by a keyed blind index; it is never stored in clear.
 */
@Tag("persistence")
class OrderSearchTests extends ApiTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Orders orders;

	@Test
	@DisplayName("staff search by the recipient's mobile number and by tracking number; orders stored before the index "
			+ "are indexed at start; buyers and shops cannot search other people's orders that way")
	void byPhoneAndTrackingNumber() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String phone = "137" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
		String mine = place(w, phone);
		String other = place(w, "13900001111");
		String tracking = "SF" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
		call("/api/v1/orders/" + mine + "/payment", Map.of("method", "SANDBOX"), w.buyer().token(), 200);
		call("/api/v1/orders/" + mine + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", tracking),
				w.shop().account().token(), 200);

		String agent = api.demoToken("agent");
		assertThat(found("?q=" + phone, agent)).containsExactly(mine);
		// finding someone's orders by their number is on the access record, per order found
		String audit = fetch("/api/v1/admin/access-audit?subjectId=" + mine, api.demoToken("admin")).toString();
		assertThat(audit).contains("recipientPhone").contains("mobile number").contains("\"readerUsername\":\"agent\"");
		assertThat(fetch("/api/v1/admin/access-audit?subjectId=" + other, api.demoToken("admin")).toString())
			.as("not the order it did not find").doesNotContain("recipientPhone");
		assertThat(found("?q=" + tracking, agent)).containsExactly(mine);
		assertThat(found("?q=" + mine, agent)).containsExactly(mine);
		assertThat(jdbc.sql("select phone_index from orders where id = :id").param("id", mine).query(String.class).single())
			.as("stored as a keyed index, not the number").doesNotContain(phone.substring(3)).hasSize(64);

		// staff's order page finds it the same way
		String page = PageSession.demo(api, "agent").get("/orders?q=" + phone).body();
		assertThat(page).contains(mine).doesNotContain(other);

		// an order stored before V26 has no index until the start-up backfill writes it
		jdbc.sql("update orders set phone_index = null where id = :id").param("id", mine).update();
		assertThat(found("?q=" + phone, agent)).isEmpty();
		while (orders.indexMissingPhones(500) > 0) {
			// until every order has its index
		}
		assertThat(found("?q=" + phone, agent)).containsExactly(mine);

		// a buyer's or a shop's q searches nothing beyond their own orders
		var stranger = api.signUp("CONSUMER");
		assertThat(found("?q=" + phone, stranger.token())).isEmpty();
	}

	private String place(Purchases.World w, String phone) {
		var r = api.post("/api/v1/orders", Map.of("items", List.of(Map.of("listingId", w.listingId(), "quantity", 1)),
				"shippingAddress", Map.of("name", "周小川", "phone", phone, "region", "江苏省南京市鼓楼区", "line", "中山路 1 号")))
			.as(w.buyer().token())
			.idempotencyKey(UUID.randomUUID().toString())
			.send();
		assertThat(r.status()).as(r.toString()).isEqualTo(201);
		return r.json().path("id").asString();
	}

	private List<String> found(String query, String token) {
		List<String> ids = new ArrayList<>();
		fetch("/api/v1/orders" + query, token).path("items").forEach(o -> ids.add(o.path("id").asString()));
		return ids;
	}
}
