package cn.fangxin.demo;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.fangxin.account.Accounts;
import cn.fangxin.account.Caller;
import cn.fangxin.account.Consents;
import cn.fangxin.account.Role;
import cn.fangxin.catalog.ListingRequest;
import cn.fangxin.catalog.Listings;
import cn.fangxin.platform.Money;
import cn.fangxin.merchant.MerchantApplication;
import cn.fangxin.merchant.MerchantView;
import cn.fangxin.merchant.Merchants;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.FangxinProperties;

/**
 * In demo mode, after the demo accounts exist: the {@code merchant} account applies for a shop, the {@code agent}
 * approves it, the shop pays its guarantee deposit in the sandbox and lists three goods. Each step runs only when it is
 * not done yet; a step another instance is doing at the same moment fails with a problem, logged.
 */
@Component
class DemoWorld {

	private static final Logger log = LoggerFactory.getLogger(DemoWorld.class);

	private static final long DEPOSIT_FEN = 500_000;

	private static final List<ListingRequest> GOODS = List.of(
			new ListingRequest("手工冷制皂 Cold-process soap", "橄榄油冷制，熟成六周。Olive oil, cured six weeks.", "general",
					4_900L, null, "洁面 Cleansing", List.of("手工制品，颜色略有差异 Handmade: colours vary"),
					new ListingRequest.ReturnPolicy(true, null), null, null, List.of(), 48),
			new ListingRequest("头层牛皮腰带 Leather belt", "头层牛皮，针扣，长 115 cm。Full-grain leather, 115 cm.", "apparel",
					12_800L, null, "日常穿搭 Everyday wear", List.of(), new ListingRequest.ReturnPolicy(true, null), null, null,
					List.of(), 72),
			new ListingRequest("滋润口红 Moisturising lipstick", "3.5 g，色号 #01 正红。3.5 g, shade #01 red.", "cosmetics",
					8_900L, null, "唇部着色 Lip colour", List.of(), new ListingRequest.ReturnPolicy(true, null), null, null,
					List.of(), 48));

	private final FangxinProperties properties;
	private final Accounts accounts;
	private final Merchants merchants;
	private final Listings listings;

	DemoWorld(FangxinProperties properties, Accounts accounts, Merchants merchants, Listings listings) {
		this.properties = properties;
		this.accounts = accounts;
		this.merchants = merchants;
		this.listings = listings;
	}

	/** After every start-up runner (the ledger's and payments' accounts must exist). */
	@EventListener(ApplicationReadyEvent.class)
	public void make() {
		if (!properties.demo()) {
			return;
		}
		Caller merchant = caller("merchant", Role.MERCHANT);
		Caller agent = caller("agent", Role.AGENT);
		if (merchant == null || agent == null) {
			return;
		}
		try {
			// each step only if it is not done yet, so that an interrupted first start completes on the next one
			String shopId = merchants.merchantOfAccount(merchant.id()).orElse(null);
			if (shopId == null) {
				shopId = merchants.apply(merchant, new MerchantApplication("INDIVIDUAL", "放心演示小店 Fangxin demo shop",
						"林晓梅", "440305198804120312", null, null, "广东省深圳市南山区科技园路1号", "13900001111", null, true,
						List.of("general", "apparel", "cosmetics"), false, true), Consents.Channel.WEB).id();
			}
			MerchantView shop = merchants.get(merchant, shopId);
			if (shop.approvedVersion() == null && shop.pendingReview()) {
				merchants.review(agent, shopId, "APPROVE", "demo shop");
			}
			long deposit = merchants.balance(merchant, shopId).depositFen();
			if (deposit < DEPOSIT_FEN) {
				merchants.topUpDeposit(merchant, shopId, Money.fen(DEPOSIT_FEN - deposit));
			}
			Set<String> listed = new HashSet<>();
			listings.mine(merchant, 50).forEach(l -> listed.add(l.title()));
			for (ListingRequest goods : GOODS) {
				if (!listed.contains(goods.title())) {
					listings.create(merchant, goods);
				}
			}
			log.info("demo shop {} is open at /shops/{}", shop.shopName(), shopId);
		}
		catch (ApiProblem notNow) {
			log.warn("the demo shop is not complete: {}", notNow.getMessage());
		}
	}

	private Caller caller(String username, Role role) {
		return accounts.findByUsername(username)
			.map(a -> new Caller(a.id(), username, role))
			.orElse(null);
	}
}
