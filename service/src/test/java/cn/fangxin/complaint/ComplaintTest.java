package cn.fangxin.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Purchases;
import tools.jackson.databind.JsonNode;

/** What the complaint tests share: a bought order, filing, and moving the clock past a complaint's deadline. */
abstract class ComplaintTest extends ApiTest {

	Purchases purchases;

	@org.springframework.beans.factory.annotation.Autowired
	cn.fangxin.platform.Deadlines deadlines;

	/** The kinds of the complaint's deadlines still to fire, sorted. */
	List<String> scheduled(String complaintId) {
		return deadlines.pendingFor(complaintId).stream().map(cn.fangxin.platform.Deadline::kind).sorted().toList();
	}

	@BeforeEach
	void purchases() {
		purchases = new Purchases(api);
	}

	String delivered(Purchases.World w) {
		return purchases.delivered(w, 1);
	}

	static Map<String, Object> complaint(Purchases.World w, String orderId, String category, String text,
			List<String> claims) {
		Map<String, Object> body = new HashMap<>();
		body.put("merchantId", w.shop().merchantId());
		if (orderId != null) {
			body.put("orderId", orderId);
		}
		body.put("category", category);
		body.put("text", text);
		body.put("claims", claims);
		return body;
	}

	JsonNode file(Purchases.World w, String orderId, String category, String text, List<String> claims) {
		return call("/api/v1/complaints", complaint(w, orderId, category, text, claims), w.buyer().token(), 201);
	}

	JsonNode get(String id, String token) {
		return fetch("/api/v1/complaints/" + id, token);
	}

	/** Moves the clock one minute past the complaint's current deadline. */
	void passDeadline(String complaintId) {
		JsonNode c = get(complaintId, api.demoToken("admin"));
		assertThat(c.path("deadlines").size()).as(c.toString()).isPositive();
		Instant due = Instant.parse(c.path("deadlines").get(0).path("dueAt").asString());
		Instant now = Instant.parse(fetch("/api/v1/admin/clock", api.demoToken("admin")).path("now").asString());
		advance(Duration.between(now, due).plusMinutes(1).toString());
	}

	long escrowHeld(String orderId, String token) {
		return fetch("/api/v1/orders/" + orderId, token).path("escrow").path("heldFen").asLong();
	}

	static String events(JsonNode complaint) {
		StringBuilder out = new StringBuilder();
		complaint.path("timeline").forEach(e -> out.append(e.path("event").asString()).append(' '));
		return out.toString();
	}
}
