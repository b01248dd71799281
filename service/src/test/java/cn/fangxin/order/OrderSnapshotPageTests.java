package cn.fangxin.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Purchases;

/** The order snapshot reads as a page (交易快照), from the evidence record: what was bought, as it was then. */
class OrderSnapshotPageTests extends ApiTest {

	@Test
	@DisplayName("the snapshot page shows the price, terms, return policy and seller as at checkout, not as the shop "
			+ "edited them since; the buyer and the shop see it, nobody else")
	void snapshotAsItWas() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.paid(w);
		var edited = api.patch("/api/v1/listings/" + w.listingId(), Map.of("priceFen", 5_900, "formatClauses",
				List.of("售出不退"))).as(w.shop().account().token()).send();
		assertThat(edited.status()).as(edited.toString()).isEqualTo(200);

		String page = PageSession.signedIn(api, w.buyer().username(), w.buyer().password())
			.get("/orders/" + order + "/snapshot?lang=zh-CN")
			.body();
		assertThat(page).contains("交易快照", "手工冷制皂", "¥<span>49.00</span> × <span>1</span>", "手工制品，颜色略有差异",
				"支持七天无理由退货", "付款后 48 小时内发货", "上海市徐汇区", "林小姐的手工皂")
			.doesNotContain("59.00", "售出不退", "漕溪北路", "13812345678");
		assertThat(PageSession.signedIn(api, w.shop().account().username(), w.shop().account().password())
			.get("/orders/" + order + "/snapshot").statusCode()).isEqualTo(200);
		var stranger = api.signUp("CONSUMER");
		assertThat(PageSession.signedIn(api, stranger.username(), stranger.password()).get("/orders/" + order + "/snapshot")
			.statusCode()).isEqualTo(404);
		assertThat(PageSession.signedIn(api, w.buyer().username(), w.buyer().password()).get("/orders/" + order).body())
			.contains("/orders/" + order + "/snapshot");
	}
}
