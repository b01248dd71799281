package cn.fangxin.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Gets merchants through the API the way a real one goes: sign up, apply, be approved, pay the deposit. */
public final class Shops {

	private final Api api;

	public Shops(Api api) {
		this.api = api;
	}

	/** A shop as the test knows it. */
	public record Shop(String merchantId, Api.SignedUp account, String idNumber, String phone) {
	}

	/** An individual's application body with valid random identity data. */
	public static Map<String, Object> individual(String idNumber, String phone, List<String> categories) {
		Map<String, Object> body = new HashMap<>();
		body.put("kind", "INDIVIDUAL");
		body.put("shopName", "林小姐的手工皂 " + idNumber.substring(14));
		body.put("legalName", "林晓梅");
		body.put("idNumber", idNumber);
		body.put("address", "广东省深圳市南山区科技园路1号");
		body.put("contactPhone", phone);
		body.put("registrationExempt", true);
		body.put("categories", categories);
		body.put("crossBorder", false);
		body.put("identityConsent", true);
		return body;
	}

	/** A merchant that applied and waits for review. */
	public Shop applied(List<String> categories) {
		Api.SignedUp account = api.signUp("MERCHANT");
		String id = Identities.residentId();
		String phone = Identities.phone();
		var r = api.post("/api/v1/merchants", individual(id, phone, categories)).as(account.token()).send();
		if (r.status() != 201) {
			throw new AssertionError("application failed: " + r);
		}
		return new Shop(r.json().path("id").asString(), account, id, phone);
	}

	/** A merchant that applied and was approved by the demo agent. */
	public Shop approved(List<String> categories) {
		Shop shop = applied(categories);
		var r = api.post("/api/v1/merchants/" + shop.merchantId() + "/review", Map.of("decision", "APPROVE", "reason", "ok"))
			.as(api.demoToken("agent"))
			.send();
		if (r.status() != 200) {
			throw new AssertionError("approval failed: " + r);
		}
		return shop;
	}

	/** An approved merchant with this much deposit. */
	public Shop selling(List<String> categories, long depositFen) {
		Shop shop = approved(categories);
		var r = api.post("/api/v1/merchants/" + shop.merchantId() + "/deposit", Map.of("amountFen", depositFen))
			.as(shop.account().token())
			.send();
		if (r.status() != 200) {
			throw new AssertionError("deposit failed: " + r);
		}
		return shop;
	}
}
