package cn.fangxin.catalog.web;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.fangxin.account.Caller;
import cn.fangxin.catalog.ListingRequest;
import cn.fangxin.catalog.ListingView;
import cn.fangxin.catalog.Listings;
import cn.fangxin.catalog.ReturnExclusion;
import cn.fangxin.merchant.Category;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Money;

/** The merchant console's listings: list goods, change them (each change a version), delist. */
@Controller
class ListingPages {

	private final Listings listings;
	private final cn.fangxin.merchant.Merchants merchants;

	ListingPages(Listings listings, cn.fangxin.merchant.Merchants merchants) {
		this.listings = listings;
		this.merchants = merchants;
	}

	@GetMapping("/merchant/listings")
	String mine(Caller caller, Model model) {
		model.addAttribute("listings", listings.mine(caller, 500));
		// a shop that may not sell now (under review, suspended, closing) is told so before it writes a listing
		model.addAttribute("shopStatus", merchants.mine(caller).map(cn.fangxin.merchant.MerchantView::status).orElse(null));
		return "merchant/listings";
	}

	@GetMapping("/merchant/listings/new")
	String create(Model model) {
		model.addAttribute("form", ListingForm.empty());
		return form(model, null);
	}

	@PostMapping("/merchant/listings/new")
	String create(@ModelAttribute("form") ListingForm form, Caller caller, Model model, RedirectAttributes redirect) {
		try {
			ListingView created = listings.create(caller, form.toRequest());
			redirect.addFlashAttribute("flash", "listing.created");
			return "redirect:/listings/" + created.id();
		}
		catch (ApiProblem problem) {
			model.addAttribute("problem", problem);
			return form(model, null);
		}
	}

	@GetMapping("/merchant/listings/{id}/edit")
	String edit(@PathVariable String id, Caller caller, Model model) {
		model.addAttribute("form", ListingForm.of(listings.currentAsRequest(caller, id)));
		return form(model, id);
	}

	@PostMapping("/merchant/listings/{id}/edit")
	String edit(@PathVariable String id, @ModelAttribute("form") ListingForm form, Caller caller, Model model,
			RedirectAttributes redirect) {
		try {
			listings.update(caller, id, form.toRequest());
			redirect.addFlashAttribute("flash", "listing.updated");
			return "redirect:/listings/" + id;
		}
		catch (ApiProblem problem) {
			model.addAttribute("problem", problem);
			return form(model, id);
		}
	}

	@PostMapping("/merchant/listings/{id}/delist")
	String delist(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
		listings.delist(caller, id);
		redirect.addFlashAttribute("flash", "listing.delisted");
		return "redirect:/merchant/listings";
	}

	private String form(Model model, String listingId) {
		model.addAttribute("listingId", listingId);
		model.addAttribute("categories", Category.codes());
		model.addAttribute("exclusions", ReturnExclusion.values());
		return "merchant/listing-form";
	}

	/** The listing form: prices in yuan as typed, clauses and picture ids one per line. */
	record ListingForm(String title, String description, String category, String price, String referencePrice,
			String functions, String formatClauses, Boolean sevenDayNoReason, String exclusionReason, String brand,
			String brandAuthorizationEvidenceId, String imageEvidenceIds, Integer shipWithinHours) {

		/** An unchecked box is not sent at all. */
		ListingForm {
			sevenDayNoReason = Boolean.TRUE.equals(sevenDayNoReason);
		}

		static ListingForm empty() {
			return new ListingForm("", "", "general", "", "", "", "", true, "", "", "", "", 48);
		}

		static ListingForm of(ListingRequest r) {
			return new ListingForm(r.title(), r.description(), r.category(), yuan(r.priceFen()),
					r.referencePriceFen() == null ? "" : yuan(r.referencePriceFen()), r.functions(),
					String.join("\n", r.formatClauses()), Boolean.TRUE.equals(r.returnPolicy().sevenDayNoReason()),
					r.returnPolicy().exclusionReason() == null ? "" : r.returnPolicy().exclusionReason(),
					r.brand() == null ? "" : r.brand(),
					r.brandAuthorizationEvidenceId() == null ? "" : r.brandAuthorizationEvidenceId(),
					String.join("\n", r.imageEvidenceIds()), r.shipWithinHours());
		}

		ListingRequest toRequest() {
			return new ListingRequest(title, description, category, fen("price", price),
					referencePrice == null || referencePrice.isBlank() ? null : fen("referencePrice", referencePrice),
					functions, lines(formatClauses),
					new ListingRequest.ReturnPolicy(sevenDayNoReason,
							sevenDayNoReason || exclusionReason == null || exclusionReason.isBlank() ? null : exclusionReason),
					brand, brandAuthorizationEvidenceId, lines(imageEvidenceIds), shipWithinHours);
		}

		private static List<String> lines(String text) {
			return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		}

		private static Long fen(String field, String yuan) {
			return Money.parseYuan(yuan, field + "Fen").fen();
		}

		private static String yuan(long fen) {
			return BigDecimal.valueOf(fen, 2).toPlainString();
		}
	}
}
