package cn.fangxin.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.fangxin.evidence.EvidenceLogTests;
import cn.fangxin.support.Purchases;
import tools.jackson.databind.JsonNode;

/**
 * Complaints through every tier and every automatic escalation, through the HTTP API (API.md "Complaints"): intake
 * by channel and on a consumer's behalf, the merchant's 48 hours, negotiation with an offer the ledger carries out,
 * customer service's deadline, the 72-hour mark, arbitration with money and sanctions, the appeal to another
 * arbitrator, 12315 acceptance and mediation with their working-day deadlines, court, collective cases, seller
 * identity and statistics.
 */
@Tag("scenario")
class ComplaintScenarioTests extends ComplaintTest {

	@Test
	@DisplayName("Filing: the complaint waits for the shop 48 h with its checklist, legal basis and statutory compensation; "
			+ "the order is held; strangers see nothing")
	void filing() {
		var w = purchases.world();
		String orderId = delivered(w);
		String appraisal = api.upload("/api/v1/evidence", w.buyer().token(), "jianding.png", EvidenceLogTests.png(),
				Map.of("kind", "APPRAISAL_REPORT", "orderId", orderId)).json().path("id").asString();
		Map<String, Object> body = complaint(w, orderId, "COUNTERFEIT", "四位鉴定师均认定为假货",
				List.of("REFUND", "COMPENSATION"));
		body.put("evidenceIds", List.of(appraisal));
		body.put("amountFen", 54_900);
		JsonNode c = call("/api/v1/complaints", body, w.buyer().token(), 201);
		assertThat(c.path("status").asString()).isEqualTo("AWAITING_MERCHANT");
		assertThat(c.path("tier").asString()).isEqualTo("PLATFORM_SERVICE");
		assertThat(c.path("channel").asString()).as("the default channel").isEqualTo("PLATFORM_SERVICE");
		assertThat(java.time.Duration.between(java.time.Instant.parse(c.path("createdAt").asString()),
				java.time.Instant.parse(c.path("respondBy").asString())).toHours()).isEqualTo(48);
		assertThat(c.path("evidenceChecklist").toString()).contains(
				"{\"kind\":\"APPRAISAL_REPORT\",\"required\":true,\"satisfied\":true}",
				"{\"kind\":\"ORDER_SNAPSHOT\",\"required\":true,\"satisfied\":true}",
				"{\"kind\":\"CHAT_EXPORT\",\"required\":false,\"satisfied\":false}");
		assertThat(c.path("legalBasis").toString()).contains("art. 55 para. 1");
		assertThat(c.path("statutoryCompensation").path("amountFen").asLong())
			.as("3 x 49 CNY is below the 500 CNY minimum").isEqualTo(50_000);
		assertThat(c.path("suggestedChannel").asString()).isEqualTo("PLATFORM_REPORT");
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("holds").toString()).contains(c.path("id").asString());
		assertThat(api.get("/api/v1/complaints/" + c.path("id").asString()).as(api.signUp("CONSUMER").token()).send().status())
			.isEqualTo(404);
		assertThat(fetch("/api/v1/complaints", w.shop().account().token()).toString()).contains(c.path("id").asString());
		JsonNode bundleless = fetch("/api/v1/evidence?complaintId=" + c.path("id").asString(), w.buyer().token());
		assertThat(bundleless.toString()).contains("CASE_EVENT");
		// the appraisal is on the complaint's page for the shop and for the arbitrator who decides
		String page = "/complaints/" + c.path("id").asString() + "?lang=en";
		assertThat(cn.fangxin.support.PageSession.signedIn(api, w.shop().account().username(), w.shop().account().password())
			.get(page).body()).contains("id=\"complaint-attached\"").contains(appraisal);
		assertThat(cn.fangxin.support.PageSession.demo(api, "arbiter").get(page).body()).contains("id=\"complaint-attached\"")
			.contains("/evidence/" + appraisal);
		// an answer refused for a bad amount comes back with what the shop wrote, to be corrected
		var shopPage = cn.fangxin.support.PageSession.signedIn(api, w.shop().account().username(),
				w.shop().account().password());
		String path = "/complaints/" + c.path("id").asString();
		shopPage.post(path, path + "/respond", Map.of("message", "我们核实后愿意全额退款", "offerAction", "REFUND",
				"refundYuan", "四十九"));
		String again = shopPage.get(path).body();
		assertThat(again).contains("role=\"alert\"").contains(">我们核实后愿意全额退款</textarea>")
			.contains("value=\"四十九\"");
		assertThat(shopPage.get(path).body()).as("once only").doesNotContain("我们核实后愿意全额退款");
	}

	@Test
	@DisplayName("Bad input is a 400 with fields; the wrong shop for the order is refused; nothing is stored")
	void badInput() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		var bad = api.post("/api/v1/complaints", Map.of("merchantId", w.shop().merchantId(), "category", "NOPE",
				"claims", List.of("MONEY"))).as(w.buyer().token()).send();
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("category", "text", "claims");
		var stranger = purchases.world();
		String strangersOrder = purchases.paid(stranger);
		String strangersPhoto = api.upload("/api/v1/evidence", stranger.buyer().token(), "x.png", EvidenceLogTests.png(),
				Map.of("kind", "SCREENSHOT", "orderId", strangersOrder)).json().path("id").asString();
		Map<String, Object> withStrangers = complaint(stranger, strangersOrder, "QUALITY_DEFECT", "坏了", List.of("REFUND"));
		String strangersComplaint = call("/api/v1/complaints", withStrangers, stranger.buyer().token(), 201).path("id")
			.asString();
		// staff can read the stranger's photo, but it may not be carried into a complaint about another order
		Map<String, Object> borrowing = complaint(w, orderId, "QUALITY_DEFECT", "坏了", List.of("REFUND"));
		borrowing.put("evidenceIds", List.of(strangersPhoto));
		borrowing.put("onBehalfOf", w.buyer().id());
		assertThat(api.post("/api/v1/complaints", borrowing).as(api.demoToken("agent")).send().code())
			.isEqualTo("EVIDENCE_NOT_FOUND");
		borrowing.put("onBehalfOf", "acc_nobody");
		borrowing.remove("evidenceIds");
		assertThat(api.post("/api/v1/complaints", borrowing).as(api.demoToken("agent")).send().status())
			.as("staff file for existing consumers only").isEqualTo(400);
		assertThat(strangersComplaint).isNotEmpty();
		var other = purchases.world();
		var wrongShop = api.post("/api/v1/complaints", complaint(other, orderId, "QUALITY_DEFECT", "坏了", List.of("REFUND")))
			.as(w.buyer().token()).send();
		assertThat(wrongShop.code()).isEqualTo("ORDER_NOT_OF_MERCHANT");
		assertThat(fetch("/api/v1/complaints", w.buyer().token()).path("items").size()).isZero();
		assertThat(api.post("/api/v1/complaints", complaint(w, orderId, "QUALITY_DEFECT", "坏了", List.of("REFUND")))
			.as(w.shop().account().token()).send().status()).as("merchants do not file").isEqualTo(403);
	}

	@Test
	@DisplayName("Merchant silent 48 h → platform arbitration, automatically, on the arbitration desk")
	void merchantSilence() {
		var w = purchases.world();
		String orderId = delivered(w);
		String id = file(w, orderId, "QUALITY_DEFECT", "收到就是坏的", List.of("REFUND")).path("id").asString();
		advance("PT49H");
		JsonNode c = get(id, w.buyer().token());
		assertThat(c.path("status").asString()).isEqualTo("IN_ARBITRATION");
		assertThat(c.path("tier").asString()).isEqualTo("PLATFORM_ARBITRATION");
		assertThat(events(c)).contains("MERCHANT_SILENT", "TIER_CHANGED");
		assertThat(c.path("deadlines").get(0).path("step").asString()).isEqualTo("ARBITRATION_DECISION");
		assertThat(c.path("deadlines").get(0).path("rule").asString()).contains("working days");
		assertThat(fetch("/api/v1/complaints?queue=arbitration", api.demoToken("arbiter")).toString()).contains(id);
		long caseEvents = 0;
		for (JsonNode e : fetch("/api/v1/evidence?complaintId=" + id, w.buyer().token()).path("items")) {
			caseEvents += e.path("kind").asString().equals("CASE_EVENT") ? 1 : 0;
		}
		assertThat(caseEvents).as("filing and the automatic escalation are CASE_EVENT records").isGreaterThanOrEqualTo(2);
		var late = api.post("/api/v1/complaints/" + id + "/responses", Map.of("message", "我们看看"))
			.as(w.shop().account().token()).send();
		assertThat(late.status()).as("a late answer is recorded; arbitration goes on").isEqualTo(200);
		assertThat(late.json().path("status").asString()).isEqualTo("IN_ARBITRATION");
	}

	@Test
	@DisplayName("Negotiation: the shop offers refund and compensation, the consumer accepts, the ledger pays at once")
	void offerAccepted() {
		var w = purchases.world();
		String orderId = delivered(w);
		String id = file(w, orderId, "NOT_AS_DESCRIBED", "颜色和图片完全不一样", List.of("REFUND", "COMPENSATION"))
			.path("id").asString();
		assertThat(scheduled(id)).containsExactly(Complaints.PRIORITY_DUE, Complaints.STEP_DUE);
		String shop = w.shop().account().token();
		var unfunded = api.post("/api/v1/complaints/" + id + "/responses", Map.of("message", "赔你一千块",
				"offer", Map.of("refundFen", 0, "compensationFen", 100_001, "action", "COMPENSATION"))).as(shop).send();
		assertThat(unfunded.code()).as("more than the shop's balance and deposit").isEqualTo("OFFER_NOT_FUNDED");
		JsonNode offered = call("/api/v1/complaints/" + id + "/responses", Map.of("message", "抱歉，全额退款并补偿 10 元",
				"offer", Map.of("refundFen", 4_900, "compensationFen", 1_000, "action", "REFUND")), shop, 200);
		assertThat(offered.path("status").asString()).isEqualTo("NEGOTIATING");
		assertThat(scheduled(id)).as("the shop's answer withdraws its 48 hours; negotiation has its own")
			.containsExactly(Complaints.PRIORITY_DUE, Complaints.STEP_DUE);
		assertThat(deadlines.pending(Complaints.STEP_DUE, id).orElseThrow().payload()).isEqualTo("NEGOTIATION");
		assertThat(offered.path("offer").path("compensationFen").asLong()).isEqualTo(1_000);
		assertThat(api.post("/api/v1/complaints/" + id + "/acceptance", Map.of("accept", true)).as(shop).send().status())
			.as("only the consumer accepts").isEqualTo(403);
		var stale = api.post("/api/v1/complaints/" + id + "/acceptance", Map.of("accept", true, "offer",
				Map.of("refundFen", 4_900, "compensationFen", 5_000, "action", "REFUND"))).as(w.buyer().token()).send();
		assertThat(stale.code()).as("not the offer in force").isEqualTo("OFFER_CHANGED");
		JsonNode done = call("/api/v1/complaints/" + id + "/acceptance", Map.of("accept", true, "offer",
				Map.of("refundFen", 4_900, "compensationFen", 1_000, "action", "REFUND")), w.buyer().token(), 200);
		assertThat(done.path("status").asString()).isEqualTo("RESOLVED");
		assertThat(done.path("resolution").asString()).isEqualTo("OFFER_ACCEPTED");
		assertThat(scheduled(id)).as("resolved: nothing left to fire").isEmpty();
		assertThat(done.path("refundedFen").asLong()).isEqualTo(4_900);
		assertThat(done.path("compensatedFen").asLong()).isEqualTo(1_000);
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("status").asString()).isEqualTo("REFUNDED");
		// the shop had no balance yet: the platform paid the compensation first and took it from the deposit
		JsonNode balance = fetch("/api/v1/merchants/" + w.shop().merchantId() + "/balance", shop);
		assertThat(balance.path("depositFen").asLong()).isEqualTo(100_000 - 1_000);
		ledgerVerifies();
	}

	@Test
	@DisplayName("No agreement within customer service's time (72 h for quality) → arbitration; the 72-hour mark "
			+ "raises the priority and alerts staff")
	void negotiationSilenceAndPriority() {
		var w = purchases.world();
		String orderId = delivered(w);
		String id = file(w, orderId, "QUALITY_DEFECT", "开线了", List.of("REPAIR")).path("id").asString();
		call("/api/v1/complaints/" + id + "/responses", Map.of("message", "我们不负责"), w.shop().account().token(), 200);
		JsonNode negotiating = get(id, w.buyer().token());
		assertThat(negotiating.path("deadlines").get(0).path("step").asString()).isEqualTo("NEGOTIATION");
		assertThat(negotiating.path("deadlines").get(0).path("rule").asString()).startsWith("72 h");
		advance("PT71H");
		assertThat(get(id, w.buyer().token()).path("priority").asString()).isEqualTo("NORMAL");
		advance("PT2H");
		JsonNode c = get(id, w.buyer().token());
		assertThat(c.path("priority").asString()).isEqualTo("HIGH");
		assertThat(events(c)).contains("PRIORITY_RAISED", "NO_AGREEMENT");
		assertThat(c.path("status").asString()).isEqualTo("IN_ARBITRATION");
		assertThat(fetch("/api/v1/complaints?queue=alerts", api.demoToken("agent")).toString()).contains(id);
		JsonNode desk = fetch("/api/v1/complaints?queue=arbitration&limit=200", api.demoToken("arbiter"));
		assertThat(desk.path("items").get(0).path("priority").asString()).as("raised priority first").isEqualTo("HIGH");
	}

	@Test
	@DisplayName("Arbitration: the decision moves refund and compensation at once, sanctions the shop, is DECISION "
			+ "evidence; the appeal goes to a different arbitrator")
	void decisionAndAppeal() {
		var w = purchases.world();
		String orderId = delivered(w);
		String id = file(w, orderId, "COUNTERFEIT", "假货", List.of("REFUND", "COMPENSATION")).path("id").asString();
		call("/api/v1/complaints/" + id + "/escalation", Map.of("reason", "商家不认"), w.buyer().token(), 200);
		Map<String, Object> decision = new HashMap<>(Map.of("outcome", "CONSUMER_WINS", "refundFen", 4_900,
				"compensationFen", 50_000, "sanction", "WARNING", "reasoning", "鉴定报告证明为假货，按消法第55条赔偿"));
		assertThat(api.post("/api/v1/complaints/" + id + "/arbitration-decision", decision).as(api.demoToken("agent"))
			.send().status()).as("customer service does not arbitrate").isEqualTo(403);
		JsonNode decided = call("/api/v1/complaints/" + id + "/arbitration-decision", decision, api.demoToken("arbiter"), 200);
		assertThat(decided.path("status").asString()).isEqualTo("DECIDED");
		assertThat(decided.path("refundedFen").asLong()).isEqualTo(4_900);
		assertThat(decided.path("compensatedFen").asLong()).isEqualTo(50_000);
		assertThat(decided.path("decision").path("appealBy").asString()).isNotEmpty();
		assertThat(escrowHeld(orderId, w.buyer().token())).isZero();
		JsonNode shop = fetch("/api/v1/merchants/" + w.shop().merchantId() + "/balance", w.shop().account().token());
		assertThat(shop.path("depositFen").asLong()).as("compensation first, recovered from the deposit")
			.isEqualTo(50_000);
		assertThat(fetch("/api/v1/merchants/" + w.shop().merchantId() + "/notices", w.shop().account().token()).toString())
			.contains("ARBITRATION_WARNING");
		assertThat(fetch("/api/v1/evidence?complaintId=" + id, w.buyer().token()).toString()).contains("DECISION");

		JsonNode appealed = call("/api/v1/complaints/" + id + "/appeal", Map.of("reason", "鉴定机构不权威"),
				w.shop().account().token(), 200);
		assertThat(appealed.path("status").asString()).isEqualTo("APPEALED");
		var same = api.post("/api/v1/complaints/" + id + "/arbitration-decision", decision).as(api.demoToken("arbiter")).send();
		assertThat(same.code()).isEqualTo("APPEAL_NEEDS_OTHER_ARBITRATOR");
		JsonNode upheld = call("/api/v1/complaints/" + id + "/arbitration-decision", decision, api.demoToken("arbiter2"), 200);
		assertThat(upheld.path("status").asString()).isEqualTo("CLOSED");
		assertThat(upheld.path("compensatedFen").asLong()).as("nothing paid twice").isEqualTo(50_000);
		assertThat(api.post("/api/v1/complaints/" + id + "/appeal", Map.of("reason", "again")).as(w.shop().account().token())
			.send().code()).isEqualTo("ALREADY_APPEALED");
		ledgerVerifies();
	}

	@Test
	@DisplayName("No appeal within 7 days: the decision is final and the order is no longer held")
	void appealWindowLapses() {
		var w = purchases.world();
		String orderId = delivered(w);
		String id = file(w, orderId, "AFTER_SALES_SERVICE", "客服不理人", List.of("APOLOGY")).path("id").asString();
		call("/api/v1/complaints/" + id + "/escalation", Map.of(), w.buyer().token(), 200);
		call("/api/v1/complaints/" + id + "/arbitration-decision", Map.of("outcome", "MERCHANT_WINS", "reasoning",
				"聊天记录显示商家已及时答复"), api.demoToken("arbiter"), 200);
		advance("P7DT1M");
		JsonNode c = get(id, w.buyer().token());
		assertThat(c.path("status").asString()).isEqualTo("CLOSED");
		assertThat(events(c)).contains("DECISION_FINAL");
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("holds").toString()).doesNotContain(id);
		var late = api.post("/api/v1/complaints/" + id + "/appeal", Map.of("reason", "late")).as(w.buyer().token()).send();
		assertThat(late.code()).isEqualTo("NOT_DECIDED");
	}

	@Test
	@DisplayName("The platform silent in arbitration → referred to 12315; the regulator accepts within 7 working days; "
			+ "mediation ends without agreement after 45 working days → court; staff record the judgment")
	void throughRegulatorToCourt() {
		var w = purchases.world();
		String orderId = delivered(w);
		String id = file(w, orderId, "PRICE_FRAUD", "先涨价后打折", List.of("REFUND", "COMPENSATION")).path("id").asString();
		call("/api/v1/complaints/" + id + "/escalation", Map.of(), w.buyer().token(), 200);
		passDeadline(id);
		JsonNode referred = get(id, w.buyer().token());
		assertThat(referred.path("tier").asString()).isEqualTo("REGULATOR_12315");
		assertThat(referred.path("status").asString()).isEqualTo("REFERRED");
		assertThat(events(referred)).contains("ARBITRATION_OVERDUE", "REFERRED");
		assertThat(referred.path("deadlines").get(0).path("rule").asString()).contains("7 working days", "art. 14");
		String regulator = api.demoToken("regulator");
		assertThat(fetch("/api/v1/regulator/complaints", regulator).toString()).contains(id);
		// the regulator takes its inbox away as CSV, the consumer unnamed
		var inbox = cn.fangxin.support.PageSession.demo(api, "regulator");
		inbox.get("/regulator/complaints?lang=en");
		String csv = new String(inbox.download("/regulator/complaints.csv").body(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(csv.lines().findFirst().orElse("")).as("no column names the consumer").isEqualTo(
				"\ufeffComplaint,Filed,Shop,Merchant id,Category,Channel,Tier,Status,Amount (yuan),Collective case,Resolved");
		assertThat(csv).contains(id + ",").contains("12315");
		JsonNode accepted = call("/api/v1/regulator/complaints/" + id + "/acceptance", Map.of("accepted", true,
				"note", "受理"), regulator, 200);
		assertThat(accepted.path("referrals").get(0).path("status").asString()).isEqualTo("MEDIATING");
		assertThat(accepted.path("deadlines").get(0).path("step").asString()).isEqualTo("REGULATOR_MEDIATION");
		passDeadline(id);
		JsonNode court = get(id, w.buyer().token());
		assertThat(court.path("tier").asString()).isEqualTo("COURT");
		assertThat(events(court)).contains("MEDIATION_ENDED");
		assertThat(court.path("referrals").toString()).contains("PACKAGE_READY");
		JsonNode judged = call("/api/v1/complaints/" + id + "/court-judgment", Map.of("summary", "判决退一赔三"),
				api.demoToken("admin"), 200);
		assertThat(judged.path("status").asString()).isEqualTo("CLOSED");
		assertThat(judged.path("resolution").asString()).isEqualTo("COURT_JUDGMENT");
	}

	@Test
	@DisplayName("The regulator silent on acceptance → the court package; a mediated agreement is carried out at once")
	void regulatorSilenceAndAgreement() {
		var w = purchases.world();
		String orderId = delivered(w);
		String silent = file(w, orderId, "QUALITY_DEFECT", "质量问题", List.of("REFUND")).path("id").asString();
		JsonNode ref = call("/api/v1/complaints/" + silent + "/referral", Map.of("to", "REGULATOR_12315"),
				w.buyer().token(), 201);
		assertThat(ref.path("referralId").asString()).startsWith("ref");
		passDeadline(silent);
		JsonNode c = get(silent, w.buyer().token());
		assertThat(c.path("tier").asString()).isEqualTo("COURT");
		assertThat(events(c)).contains("REGULATOR_SILENT");
		assertThat(c.path("referrals").get(0).path("status").asString()).isEqualTo("NOT_ANSWERED");

		var w2 = purchases.world();
		String order2 = delivered(w2);
		String agreed = file(w2, order2, "QUALITY_DEFECT", "质量问题", List.of("REFUND")).path("id").asString();
		call("/api/v1/complaints/" + agreed + "/referral", Map.of("to", "REGULATOR_12315"), w2.buyer().token(), 201);
		String regulator = api.demoToken("regulator");
		call("/api/v1/regulator/complaints/" + agreed + "/acceptance", Map.of("accepted", true), regulator, 200);
		JsonNode done = call("/api/v1/regulator/complaints/" + agreed + "/mediation-result", Map.of("agreement", true,
				"refundFen", 2_000, "note", "调解达成：退款 20 元"), regulator, 200);
		assertThat(done.path("status").asString()).isEqualTo("RESOLVED");
		assertThat(done.path("refundedFen").asLong()).isEqualTo(2_000);
		assertThat(fetch("/api/v1/orders/" + order2, w2.buyer().token()).path("escrow").path("refundedFen").asLong())
			.isEqualTo(2_000);
		assertThat(api.get("/api/v1/complaints/" + agreed).as(regulator).send().status()).isEqualTo(200);
		String withdrawn = file(w2, order2, "QUALITY_DEFECT", "又一件", List.of("REFUND")).path("id").asString();
		call("/api/v1/complaints/" + withdrawn + "/referral", Map.of("to", "REGULATOR_12315"), w2.buyer().token(), 201);
		call("/api/v1/complaints/" + withdrawn + "/withdrawal", Map.of(), w2.buyer().token(), 200);
		assertThat(api.post("/api/v1/regulator/complaints/" + withdrawn + "/acceptance", Map.of("accepted", true))
			.as(regulator).send().code()).as("a withdrawn complaint is not revived").isEqualTo("REFERRAL_NOT_PENDING");
		assertThat(get(withdrawn, w2.buyer().token()).path("referrals").get(0).path("status").asString())
			.isEqualTo("WITHDRAWN");
		var notReferred = file(w2, order2, "OTHER", "别的", List.of("APOLOGY")).path("id").asString();
		assertThat(api.get("/api/v1/complaints/" + notReferred).as(regulator).send().status())
			.as("the regulator sees referred complaints only").isEqualTo(404);
		ledgerVerifies();
	}

	@Test
	@DisplayName("a consumer without an order with the shop does not get its owner's identity by complaining: not at "
			+ "arbitration, not in a court referral's bundle; once an arbitrator finds for them, they do")
	void sellerIdentityNeedsAPurchase() throws Exception {
		var w = purchases.world();
		var stranger = new Purchases.World(w.shop(), w.listingId(), api.signUp("CONSUMER"));
		String id = file(stranger, null, "OTHER", "朋友圈里转账买的，货没到，商家拉黑了我",
				List.of("COMPENSATION", "DISCLOSE_SELLER_IDENTITY")).path("id").asString();
		call("/api/v1/complaints/" + id + "/escalation", Map.of("reason", "商家不回复"), stranger.buyer().token(), 200);
		var refused = api.get("/api/v1/complaints/" + id + "/seller-identity").as(stranger.buyer().token()).send();
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("SELLER_IDENTITY_NOT_DUE");
		assertThat(refused.body()).doesNotContain(w.shop().phone());

		call("/api/v1/complaints/" + id + "/arbitration-decision", Map.of("outcome", "CONSUMER_WINS", "refundFen", 0,
				"compensationFen", 0, "reasoning", "转账记录与聊天记录一致，商家未到货"), api.demoToken("arbiter"), 200);
		JsonNode identity = fetch("/api/v1/complaints/" + id + "/seller-identity", stranger.buyer().token());
		assertThat(identity.path("contactPhone").asString()).isEqualTo(w.shop().phone());

		String toCourt = file(stranger, null, "OTHER", "另一笔转账，同样没有发货", List.of("COMPENSATION"))
			.path("id").asString();
		call("/api/v1/complaints/" + toCourt + "/referral", Map.of("to", "COURT"), stranger.buyer().token(), 201);
		String consumersCopy = entries(api.download("/api/v1/complaints/" + toCourt + "/bundle", stranger.buyer().token()))
			.get("court-package.json");
		JsonNode respondent = cn.fangxin.support.Api.parse(consumersCopy).path("respondent");
		assertThat(respondent.path("merchantId").asString()).isEqualTo(w.shop().merchantId());
		assertThat(respondent.has("legalName")).as(consumersCopy).isFalse();
		assertThat(consumersCopy).doesNotContain(w.shop().phone());
		String staffCopy = entries(api.download("/api/v1/complaints/" + toCourt + "/bundle", api.demoToken("admin")))
			.get("court-package.json");
		assertThat(cn.fangxin.support.Api.parse(staffCopy).path("respondent").path("legalName").asString()).isNotBlank();

		// for a Chinese court: each event of the history in Chinese beside the English, and the instructions in both
		var staffBundle = entries(api.download("/api/v1/complaints/" + toCourt + "/bundle", api.demoToken("admin")));
		JsonNode filed = cn.fangxin.support.Api.parse(staffBundle.get("court-package.json")).path("history").get(0);
		assertThat(filed.path("event").asString()).isEqualTo("FILED");
		assertThat(filed.path("detail").asString()).doesNotContainPattern("\\p{IsHan}").isNotBlank();
		assertThat(filed.path("detailZh").asString()).containsPattern("\\p{IsHan}");
		assertThat(staffBundle.get("VERIFY-FOR-COURT.txt")).contains("投诉 " + toCourt + " 证据核验说明",
				"Verifying the evidence of complaint " + toCourt);
	}

	private static Map<String, String> entries(byte[] zip) throws java.io.IOException {
		Map<String, String> entries = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return entries;
	}

	@Test
	@DisplayName("Referral package: the 12315 fields with the seller's real identity and the evidence bundle; "
			+ "seller identity for the consumer at arbitration, audited")
	void referralPackageAndSellerIdentity() throws Exception {
		var w = purchases.world();
		String orderId = delivered(w);
		String id = file(w, orderId, "COUNTERFEIT", "假货", List.of("REFUND", "DISCLOSE_SELLER_IDENTITY"))
			.path("id").asString();
		var early = api.get("/api/v1/complaints/" + id + "/seller-identity").as(w.buyer().token()).send();
		assertThat(early.code()).isEqualTo("SELLER_IDENTITY_NOT_DUE");
		call("/api/v1/complaints/" + id + "/escalation", Map.of(), w.buyer().token(), 200);
		JsonNode identity = fetch("/api/v1/complaints/" + id + "/seller-identity", w.buyer().token());
		assertThat(identity.path("legalName").asString()).isNotEmpty();
		assertThat(identity.path("address").asString()).isNotEmpty();
		assertThat(identity.path("contactPhone").asString()).isEqualTo(w.shop().phone());
		assertThat(fetch("/api/v1/admin/access-audit?subjectId=" + w.shop().merchantId(), api.demoToken("admin")).toString())
			.contains("complaint " + id);
		assertThat(events(get(id, w.buyer().token()))).contains("SELLER_IDENTITY_DISCLOSED");

		call("/api/v1/complaints/" + id + "/referral", Map.of("to", "REGULATOR_12315"), w.buyer().token(), 201);
		byte[] zip = api.download("/api/v1/complaints/" + id + "/bundle", api.demoToken("regulator"));
		Map<String, String> entries = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(entries).containsKeys("manifest.txt", "checkpoint.txt", "referral-12315.json", "complaint.json");
		JsonNode pkg = cn.fangxin.support.Api.parse(entries.get("referral-12315.json"));
		assertThat(pkg.path("respondent").path("legalName").asString()).isEqualTo(identity.path("legalName").asString());
		assertThat(pkg.path("claims").toString()).contains("REFUND");
		assertThat(pkg.path("facts").asString()).isEqualTo("假货");
		assertThat(pkg.path("evidence").isArray()).isTrue();
		assertThat(entries.get("manifest.txt")).contains("subject COMPLAINT " + id);
		java.nio.file.Path file = java.nio.file.Files.createTempFile("complaint", ".zip");
		java.nio.file.Files.write(file, zip);
		assertThat(cn.fangxin.verify.Bundles.verify(file).ok()).as("the bundle verifies offline").isTrue();
		java.nio.file.Files.delete(file);
		assertThat(api.get("/api/v1/complaints/" + id + "/bundle").as(api.signUp("CONSUMER").token()).send().status())
			.isEqualTo(404);
	}

	@Test
	@DisplayName("Intake by every channel, and staff entering a complaint on a consumer's behalf")
	void channelsAndOnBehalf() {
		var w = purchases.world();
		String orderId = delivered(w);
		for (String channel : List.of("PLATFORM_SERVICE", "PLATFORM_REPORT", "REGULATOR_12315")) {
			Map<String, Object> body = complaint(w, orderId, "FALSE_ADVERTISING", "宣传与实物不符", List.of("REFUND"));
			body.put("channel", channel);
			assertThat(call("/api/v1/complaints", body, w.buyer().token(), 201).path("channel").asString()).isEqualTo(channel);
		}
		Map<String, Object> phoned = complaint(w, orderId, "LOGISTICS_DELAY", "电话投诉：快递一直不动", List.of("REFUND"));
		phoned.put("onBehalfOf", w.buyer().id());
		JsonNode entered = call("/api/v1/complaints", phoned, api.demoToken("agent"), 201);
		assertThat(entered.path("consumerId").asString()).isEqualTo(w.buyer().id());
		assertThat(entered.path("enteredBy").asString()).as("by work number, not login name").matches("STAFF:#[0-9A-F]{6}");
		assertThat(fetch("/api/v1/complaints", w.buyer().token()).toString()).contains(entered.path("id").asString());
		assertThat(fetch("/api/v1/regulator/complaints", api.demoToken("regulator")).toString())
			.as("a complaint that came from 12315 is in its inbox").contains("REGULATOR_12315");
	}

	@Test
	@DisplayName("Five consumers against one shop and listing in one category within 30 days form a collective case")
	void collectiveCase() {
		var w = purchases.world();
		String first = null;
		for (int i = 0; i < 5; i++) {
			var buyer = i == 0 ? w : new Purchases.World(w.shop(), w.listingId(), api.signUp("CONSUMER"));
			String orderId = purchases.paid(buyer);
			JsonNode c = file(buyer, orderId, "COUNTERFEIT", "同一款假货 " + i, List.of("REFUND"));
			if (i == 0) {
				first = c.path("id").asString();
			}
			if (i < 4) {
				assertThat(c.path("collectiveCaseId").isMissingNode()).as("%d consumers are not yet a collective", i + 1)
					.isTrue();
			}
			else {
				assertThat(c.path("collectiveCaseId").asString()).startsWith("col");
			}
		}
		JsonNode mine = get(first, w.buyer().token());
		assertThat(mine.path("collectiveCaseId").asString()).as("the first member sees it too").startsWith("col");
		JsonNode cases = fetch("/api/v1/regulator/collective-cases", api.demoToken("regulator"));
		JsonNode ours = null;
		for (JsonNode c : cases.path("items")) {
			if (c.path("id").asString().equals(mine.path("collectiveCaseId").asString())) {
				ours = c;
			}
		}
		assertThat(ours).isNotNull();
		assertThat(ours.path("consumers").asLong()).isEqualTo(5);
		assertThat(ours.path("members").size()).isEqualTo(5);
		assertThat(ours.path("listingId").asString()).isEqualTo(w.listingId());
	}

	@Test
	@DisplayName("Statistics by tier, category and channel with deadlines met and median time; the policy table is public "
			+ "to signed-in users")
	void statisticsAndPolicy() {
		var w = purchases.world();
		String orderId = delivered(w);
		String id = file(w, orderId, "INVOICE_REFUSED", "不给开发票", List.of("INVOICE")).path("id").asString();
		call("/api/v1/complaints/" + id + "/responses", Map.of("message", "已开具"), w.shop().account().token(), 200);
		call("/api/v1/complaints/" + id + "/acceptance", Map.of("accept", true), w.buyer().token(), 200);
		JsonNode stats = fetch("/api/v1/complaints/statistics", api.demoToken("regulator"));
		assertThat(stats.path("total").asLong()).isPositive();
		assertThat(stats.path("deadlinesMet").asLong()).isPositive();
		assertThat(stats.path("byCategory").toString()).contains("INVOICE_REFUSED");
		assertThat(stats.path("byChannel").toString()).contains("PLATFORM_SERVICE");
		assertThat(stats.path("byTier").toString()).contains("resolutionRate");
		assertThat(stats.path("medianHoursToResolution").isNumber()).isTrue();
		assertThat(api.get("/api/v1/complaints/statistics").as(w.buyer().token()).send().status()).isEqualTo(403);
		JsonNode policy = fetch("/api/v1/complaints/policy", w.buyer().token());
		assertThat(policy.toString()).contains("REGULATOR_ACCEPTANCE", "SAMR Order 20");
		// the regulator takes them away as CSV, in its language
		var regulator = cn.fangxin.support.PageSession.demo(api, "regulator");
		regulator.get("/complaints/statistics?lang=zh-CN");
		var csv = regulator.download("/complaints/statistics.csv");
		assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(text).startsWith("\ufeff分组方式,分组,").contains("拒开发票").contains("全部投诉,," + stats.path("total").asLong() + ",");
		assertThat(cn.fangxin.support.PageSession.signedIn(api, w.buyer().username(), w.buyer().password())
			.download("/complaints/statistics.csv").statusCode()).isEqualTo(403);
	}
}
