package cn.fangxin.merchant.internal;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.account.Accounts;
import cn.fangxin.account.Role;
import cn.fangxin.merchant.MerchantStatus;
import cn.fangxin.merchant.MerchantView;
import cn.fangxin.merchant.Merchants;
import cn.fangxin.platform.HomeNotices;
import cn.fangxin.platform.NavigationItem;

@Configuration(proxyBeanMethods = false)
class MerchantNavigation {

	/**
	 * A shop's next step on its home page: apply; wait for review; correct a rejected application; pay the deposit;
	 * re-verify; or, suspended or banned, read why. Nothing once it may sell.
	 */
	@Bean
	HomeNotices merchantHomeNotices(Merchants merchants, Accounts accounts) {
		return () -> accounts.current().filter(c -> c.role() == Role.MERCHANT).map(caller -> {
			MerchantView shop = merchants.mine(caller).orElse(null);
			String step;
			if (shop == null) {
				step = "apply";
			}
			else if (shop.status() == MerchantStatus.PENDING_REVIEW && shop.approvedVersion() == null) {
				step = "reviewing";
			}
			else if (shop.status() == MerchantStatus.REJECTED) {
				step = "rejected";
			}
			else if (shop.status() == MerchantStatus.SUSPENDED || shop.status() == MerchantStatus.BANNED) {
				step = "suspended";
			}
			else if (shop.status() == MerchantStatus.VERIFICATION_DUE) {
				step = "reverify";
			}
			else if (shop.status() == MerchantStatus.CLOSED || shop.status() == MerchantStatus.CLOSING) {
				step = null;
			}
			else {
				var balance = merchants.balance(caller, shop.id());
				step = balance.depositFen() < balance.requiredDepositFen() ? "deposit" : null;
			}
			return step == null ? java.util.List.<HomeNotices.Notice>of()
					: java.util.List.of(new HomeNotices.Notice("home.notice." + step, "/merchant", "home.notice.go." + step));
		}).orElse(java.util.List.of());
	}

	/** A closing shop closes when its announced notice is over. */
	@Bean
	cn.fangxin.platform.DeadlineHandler merchantClose(cn.fangxin.merchant.MerchantClosure closure) {
		return cn.fangxin.platform.DeadlineHandler.of(cn.fangxin.merchant.MerchantClosure.CLOSE,
				d -> closure.closeDue(d.subjectId()));
	}

	/** A closed shop's deposit comes back to its balance when the claims period is over. */
	@Bean
	cn.fangxin.platform.DeadlineHandler merchantDepositRelease(cn.fangxin.merchant.MerchantClosure closure) {
		return cn.fangxin.platform.DeadlineHandler.of(cn.fangxin.merchant.MerchantClosure.DEPOSIT_RELEASE,
				d -> closure.releaseDeposit(d.subjectId()));
	}

	@Bean
	NavigationItem myShopNavigationItem() {
		return new NavigationItem("nav.myShop", "nav.myShop.description", "/merchant", Set.of("MERCHANT"), 20);
	}

	/** The registry, read by the regulator (E-Commerce Law art. 28) and by staff. */
	@Bean
	NavigationItem registryNavigationItem() {
		return new NavigationItem("nav.registry", "nav.registry.description", "/registry",
				Set.of("REGULATOR", "AGENT", "ARBITRATOR", "ADMIN"), 32);
	}

	@Bean
	NavigationItem merchantReviewNavigationItem() {
		return new NavigationItem("nav.merchantReview", "nav.merchantReview.description", "/staff/merchants",
				Set.of("AGENT", "ADMIN"), 30);
	}
}
