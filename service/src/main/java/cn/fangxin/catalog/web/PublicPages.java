package cn.fangxin.catalog.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import cn.fangxin.catalog.ListingView;
import cn.fangxin.catalog.Listings;
import cn.fangxin.merchant.Merchants;

/** Public pages: the goods on sale, a shop with its licence information and goods, a listing with its terms and price history. */
@Controller
class PublicPages {

	private final Listings listings;
	private final Merchants merchants;

	PublicPages(Listings listings, Merchants merchants) {
		this.listings = listings;
		this.merchants = merchants;
	}

	@GetMapping("/listings")
	String goods(@org.springframework.web.bind.annotation.RequestParam(required = false) String q, Model model) {
		String search = q == null ? null : q.strip().substring(0, Math.min(q.strip().length(), 50));
		model.addAttribute("q", search);
		model.addAttribute("listings", listings.onSale(search, 60));
		return "public/goods";
	}

	@GetMapping("/shops/{id}")
	String shop(@PathVariable String id, Model model) {
		var shop = merchants.publicShop(id);
		model.addAttribute("shop", shop);
		// a suspended, closing or closed shop offers nothing
		model.addAttribute("listings", shop.status().maySell() ? listings.onSaleBy(id, 200) : java.util.List.of());
		return "public/shop";
	}

	@GetMapping("/listings/{id}")
	String listing(@PathVariable String id, Model model) {
		return show(listings.get(id), model);
	}

	@GetMapping("/listings/{id}/versions/{version}")
	String version(@PathVariable String id, @PathVariable int version, Model model) {
		return show(listings.version(id, version), model);
	}

	private String show(ListingView listing, Model model) {
		model.addAttribute("listing", listing);
		model.addAttribute("shop", merchants.publicShop(listing.merchantId()));
		model.addAttribute("prices", listings.priceHistory(listing.id()));
		return "public/listing";
	}
}
