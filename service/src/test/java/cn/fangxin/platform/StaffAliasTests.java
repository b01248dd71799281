package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Purchases;
import tools.jackson.databind.JsonNode;

/** Consumers and shops see staff by work number (工号), never by login name; administrators can tell who it was. */
@Tag("scenario")
class StaffAliasTests extends ApiTest {

	@Test
	@DisplayName("the order's timeline names the agent who marked it delivered by work number; the admin list maps it back")
	void staffByWorkNumber() {
		Purchases purchases = new Purchases(api);
		Purchases.World w = purchases.world();
		String id = purchases.delivered(w, 1);
		JsonNode order = fetch("/api/v1/orders/" + id, w.buyer().token());
		String actor = order.path("timeline").valueStream()
			.filter(e -> e.path("event").asString().equals("DELIVERED"))
			.findFirst()
			.orElseThrow()
			.path("actor")
			.asString();
		assertThat(actor).matches("STAFF:#[0-9A-F]{6}");
		assertThat(order.toString()).doesNotContain("STAFF:agent");
		String page = PageSession.signedIn(api, w.buyer().username(), w.buyer().password()).get("/orders/" + id).body();
		assertThat(page).contains(actor.substring("STAFF:".length())).doesNotContain("STAFF:agent");

		String admin = PageSession.demo(api, "admin").get("/admin/accounts").body();
		assertThat(admin.replaceAll("\\s+", " ")).containsPattern(
				">agent</td>.*?<td class=\"work-number\">" + java.util.regex.Pattern.quote(actor.substring(6)) + "</td>");
	}
}
