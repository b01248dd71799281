package cn.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Shops;

/** A shop's home page names its next step until it may sell: apply, wait for review, pay the deposit; then nothing. */
class MerchantHomeTests extends ApiTest {

	@Test
	@DisplayName("a new shop's home page leads it from applying to the review to the deposit, then steps aside")
	void nextStepOnTheHomePage() {
		Shops shops = new Shops(api);
		Api.SignedUp newcomer = api.signUp("MERCHANT");
		assertThat(home(newcomer)).contains("您的店铺尚未登记", "申请开店");

		Shops.Shop applied = shops.applied(List.of("general"));
		assertThat(home(applied.account())).contains("正在由工作人员审核").doesNotContain("您的店铺尚未登记");

		Shops.Shop approved = shops.approved(List.of("general"));
		assertThat(home(approved.account())).contains("缴纳经营类目所需的保证金", "缴纳保证金");
		assertThat(api.post("/api/v1/merchants/" + approved.merchantId() + "/deposit", Map.of("amountFen", 100_000))
			.as(approved.account().token()).send().status()).isEqualTo(200);
		assertThat(home(approved.account())).as("it may sell: nothing to tell it first").doesNotContain("next-step");

		Api.SignedUp consumer = api.signUp("CONSUMER");
		assertThat(home(consumer)).doesNotContain("next-step");
	}

	private String home(Api.SignedUp account) {
		return PageSession.signedIn(api, account.username(), account.password()).get("/?lang=zh-CN").body();
	}
}
