package cn.fangxin.catalog.internal;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.NavigationItem;

@Configuration(proxyBeanMethods = false)
class CatalogNavigation {

	@Bean
	NavigationItem myListingsNavigationItem() {
		return new NavigationItem("nav.myListings", "nav.myListings.description", "/merchant/listings", Set.of("MERCHANT"),
				25);
	}

	@Bean
	NavigationItem goodsNavigationItem() {
		return new NavigationItem("nav.goods", "nav.goods.description", "/listings", Set.of("CONSUMER"), 10);
	}
}
