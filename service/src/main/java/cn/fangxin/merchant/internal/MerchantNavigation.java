package cn.fangxin.merchant.internal;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.NavigationItem;

@Configuration(proxyBeanMethods = false)
class MerchantNavigation {

	@Bean
	NavigationItem myShopNavigationItem() {
		return new NavigationItem("nav.myShop", "nav.myShop.description", "/merchant", Set.of("MERCHANT"), 20);
	}

	@Bean
	NavigationItem merchantReviewNavigationItem() {
		return new NavigationItem("nav.merchantReview", "nav.merchantReview.description", "/staff/merchants",
				Set.of("AGENT", "ADMIN"), 30);
	}
}
