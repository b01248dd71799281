package cn.fangxin.order.web;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.fangxin.account.Caller;
import cn.fangxin.account.Role;
import cn.fangxin.catalog.Listings;
import cn.fangxin.order.OrderRequest;
import cn.fangxin.order.OrderStatus;
import cn.fangxin.order.OrderView;
import cn.fangxin.order.Orders;
import cn.fangxin.order.PaymentMode;
import cn.fangxin.platform.Detail;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Ids;
import cn.fangxin.platform.Money;
import cn.fangxin.platform.PageActions;

/**
 * The order pages: checkout from a listing, the order page with its countdowns and the actions each party may take
 * now, the lists (a consumer's orders, a shop's queue to ship, staff search) and the staff's debt list.
 */
@Controller
class OrderPages {

	private final Orders orders;
	private final Listings listings;
	private final Clock clock;
	private final cn.fangxin.evidence.EvidenceBundles bundles;
	private final cn.fangxin.evidence.EvidenceVault vault;
	private final tools.jackson.databind.ObjectMapper json;
	private final cn.fangxin.merchant.Merchants merchants;

	OrderPages(Orders orders, Listings listings, Clock clock, cn.fangxin.evidence.EvidenceBundles bundles,
			cn.fangxin.evidence.EvidenceVault vault, tools.jackson.databind.ObjectMapper json,
			cn.fangxin.merchant.Merchants merchants) {
		this.merchants = merchants;
		this.bundles = bundles;
		this.vault = vault;
		this.json = json;
		this.orders = orders;
		this.listings = listings;
		this.clock = clock;
	}

	/**
	 * The checkout form. {@code addressFrom} is an earlier order of the consumer's to ship to its address again, or
	 * {@value #NEW_ADDRESS} (or nothing) for the address typed in the form. The quantity is text, so that one that is
	 * not a number comes back as the form with its field error instead of a page that lost the form.
	 */
	record CheckoutForm(String listingId, String quantity, String addressFrom, String name, String phone, String region,
			String line, String paymentMode, Boolean confirmNoReturn) {
	}

	static final String NEW_ADDRESS = "new";

	@GetMapping("/orders/checkout")
	String checkout(@RequestParam String listingId, @RequestParam(defaultValue = "1") int quantity, Caller caller,
			Model model) {
		List<Orders.EarlierAddress> earlier = orders.earlierAddresses(caller);
		String addressFrom = earlier.isEmpty() ? NEW_ADDRESS : earlier.getFirst().orderId();
		model.addAttribute("form", new CheckoutForm(listingId, String.valueOf(quantity), addressFrom, "", "", "", "", "ESCROW",
				false));
		return checkoutPage(listingId, earlier, model);
	}

	@PostMapping("/orders/checkout")
	String place(@ModelAttribute("form") CheckoutForm form, Caller caller, Model model, RedirectAttributes redirect) {
		try {
			boolean typed = form.addressFrom() == null || form.addressFrom().isBlank()
					|| NEW_ADDRESS.equals(form.addressFrom());
			OrderView order = orders.place(caller, new OrderRequest(
					List.of(new OrderRequest.Item(form.listingId(), quantity(form.quantity()), form.confirmNoReturn())),
					typed ? new OrderRequest.Address(form.name(), form.phone(), form.region(), form.line()) : null,
					"PAY_AFTER_RECEIPT".equals(form.paymentMode()) ? PaymentMode.PAY_AFTER_RECEIPT : PaymentMode.ESCROW,
					typed ? null : form.addressFrom()));
			redirect.addFlashAttribute("flash", "order.placed");
			return "redirect:/orders/" + order.id();
		}
		catch (ApiProblem problem) {
			model.addAttribute("problem", problem);
			return checkoutPage(form.listingId(), orders.earlierAddresses(caller), model);
		}
	}

	/** The quantity typed, or null (which checkout refuses as QUANTITY_INVALID) when it is not a whole number. */
	private static Integer quantity(String typed) {
		try {
			return typed == null ? null : Integer.valueOf(typed.strip());
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	private String checkoutPage(String listingId, List<Orders.EarlierAddress> earlier, Model model) {
		var listing = listings.get(listingId);
		model.addAttribute("listing", listing);
		// a suspended, closing or closed shop takes no order: said here rather than after the form is filled in
		model.addAttribute("shop", merchants.publicShop(listing.merchantId()));
		model.addAttribute("earlierAddresses", earlier);
		return "order/checkout";
	}

	@GetMapping("/orders")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
			@RequestParam(required = false) String cursor, Caller caller, Model model) {
		List<OrderStatus> statuses = OrderController.statuses(status == null || status.isBlank() ? null : List.of(status));
		if (caller.role() == Role.MERCHANT) {
			model.addAttribute("toShip", orders.list(caller, List.of(OrderStatus.PAID, OrderStatus.AWAITING_SHIPMENT), null,
					null, 100).items());
		}
		model.addAttribute("page", orders.list(caller, statuses, q, cursor, 30));
		model.addAttribute("q", q);
		model.addAttribute("status", status);
		model.addAttribute("statuses", OrderStatus.values());
		model.addAttribute("now", clock.instant());
		return "order/list";
	}

	@GetMapping("/orders/{id}")
	String show(@PathVariable String id, Caller caller, Model model) {
		OrderView order = orders.get(caller, id);
		model.addAttribute("order", order);
		model.addAttribute("now", clock.instant());
		model.addAttribute("isConsumer", caller.id().value().equals(order.consumerId()));
		boolean merchant = caller.role() == Role.MERCHANT && !caller.id().value().equals(order.consumerId());
		model.addAttribute("isMerchant", merchant);
		model.addAttribute("isStaff", caller.isStaff());
		model.addAttribute("labelOffered", caller.isStaff() || (merchant && Orders.labelShownToShop(order.status())));
		model.addAttribute("buyAgain", caller.id().value().equals(order.consumerId()) ? buyAgain(order) : null);
		return "order/show";
	}

	/** The item to buy again from an order that is over: its only item, while the listing is still on sale. */
	private OrderView.Item buyAgain(OrderView order) {
		if (!order.status().closed() || order.items().size() != 1) {
			return null;
		}
		OrderView.Item item = order.items().getFirst();
		try {
			var listing = listings.get(item.listingId());
			return listing.status() == cn.fangxin.catalog.ListingStatus.ACTIVE
					&& merchants.publicShop(listing.merchantId()).status().maySell() ? item : null;
		}
		catch (ApiProblem gone) {
			return null;
		}
	}

	/**
	 * The order snapshot as a page (交易快照): what was bought, at what price, on which terms and from whom, as frozen
	 * in the evidence log at checkout, read from the record itself, so later edits of the listing do not show here.
	 */
	@GetMapping("/orders/{id}/snapshot")
	String snapshot(@PathVariable String id, Caller caller, Model model) {
		OrderView order = orders.get(caller, id);
		cn.fangxin.evidence.EvidenceVault.Content content = vault.content(caller, order.snapshotEvidenceId());
		try (var in = content.stream()) {
			model.addAttribute("snapshot", json.readTree(in));
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		model.addAttribute("evidence", content.view());
		model.addAttribute("order", order);
		return "order/snapshot";
	}

	/**
	 * The shipping label: the whole address, for the shop while the order is to ship or on its way (and for staff);
	 * each view is recorded in the audit log, as the API's {@code GET /api/v1/orders/{id}/shipping-label}.
	 */
	@GetMapping("/orders/{id}/shipping-label")
	String shippingLabel(@PathVariable String id, Caller caller, Model model) {
		model.addAttribute("label", orders.shippingLabel(caller, id));
		model.addAttribute("order", orders.get(caller, id));
		return "order/label";
	}

	@PostMapping("/orders/{id}/pay")
	String pay(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "order.paid", () -> orders.pay(caller, id, "SANDBOX"));
	}

	@PostMapping("/orders/{id}/confirm")
	String confirm(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "order.confirmed", () -> orders.confirmReceipt(caller, id));
	}

	@PostMapping("/orders/{id}/confirm-extension")
	String extendConfirmation(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "order.confirmExtended", () -> orders.extendConfirmation(caller, id));
	}

	@PostMapping("/orders/{id}/cancel")
	String cancel(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "order.cancelled", () -> orders.cancel(caller, id));
	}

	/** Ships from the order page, or from the shop's queue ({@code from=queue}), which it then returns to. */
	@PostMapping("/orders/{id}/ship")
	String ship(@PathVariable String id, @RequestParam String carrier, @RequestParam String trackingNumber,
			@RequestParam(required = false) String from, Caller caller, RedirectAttributes redirect) {
		return PageActions.act("queue".equals(from) ? "/orders" : "/orders/" + id, redirect, "order.shipped",
				() -> orders.ship(caller, id, carrier, trackingNumber));
	}

	@PostMapping("/orders/{id}/deliver")
	String deliver(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "order.delivered", () -> orders.deliver(caller, id, null));
	}

	@PostMapping("/orders/{id}/refund")
	String refund(@PathVariable String id, @RequestParam String amountYuan, @RequestParam String reason,
			@RequestParam(required = false) String formId, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "order.refunded", () -> {
			caller.requireRole(Role.AGENT, Role.ARBITRATOR, Role.ADMIN);
			if (reason == null || reason.isBlank() || reason.length() > 300) {
				throw ApiProblem.invalidField("reason", "REQUIRED", "why, up to 300 characters");
			}
			// the form's own id (drawn when the page was rendered) names the refund: a double click or a resent form
			// refunds once
			String refundId = formId != null && formId.matches("[A-Za-z0-9]{16,40}") ? "rfd-" + formId : Ids.next("rfd");
			return orders.refundFromEscrow(id, refundId, Money.parseYuan(amountYuan, "amountFen"), null,
					Orders.actorOf(caller), Detail.words(reason.strip()));
		});
	}

	@PostMapping("/orders/{id}/hold")
	String hold(@PathVariable String id, @RequestParam String ref, @RequestParam(required = false) String reason,
			Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "order.held", () -> {
			caller.requireRole(Role.AGENT, Role.ARBITRATOR, Role.ADMIN);
			if (ref == null || ref.isBlank()) {
				throw ApiProblem.invalidField("ref", "REQUIRED", "the case's reference");
			}
			orders.hold(id, ref.strip(), reason == null || reason.isBlank() ? Detail.of("holdReason.staff")
					: Detail.words(reason.strip()), Orders.actorOf(caller));
			return null;
		});
	}

	@PostMapping("/orders/{id}/holds/{ref}/lift")
	String lift(@PathVariable String id, @PathVariable String ref, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "order.liftedHold", () -> {
			caller.requireRole(Role.AGENT, Role.ARBITRATOR, Role.ADMIN);
			orders.liftHold(id, ref, Orders.actorOf(caller));
			return null;
		});
	}

	/** The order's evidence bundle (ZIP) for the signed-in party, to check with the offline verifier. */
	@GetMapping("/orders/{id}/evidence-bundle")
	org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> bundle(
			@PathVariable String id, Caller caller) {
		var bundle = bundles.bundle(caller, cn.fangxin.evidence.EvidenceBundles.Subject.ORDER, id);
		return org.springframework.http.ResponseEntity.ok()
			.header("Content-Disposition", "attachment; filename=\"fangxin-order-" + id + ".zip\"")
			.contentType(org.springframework.http.MediaType.parseMediaType("application/zip"))
			.body(bundle::writeTo);
	}

	@GetMapping("/staff/order-debts")
	String debts(Caller caller, Model model) {
		model.addAttribute("debts", orders.openDebts(caller, 200));
		return "order/debts";
	}

	private static String act(String id, RedirectAttributes redirect, String done,
			java.util.function.Supplier<?> action) {
		return PageActions.act("/orders/" + id, redirect, done, action::get);
	}
}
