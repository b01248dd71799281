package cn.fangxin.aftersales.web;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

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
import cn.fangxin.aftersales.AfterSaleReason;
import cn.fangxin.aftersales.AfterSaleRequest;
import cn.fangxin.aftersales.AfterSaleType;
import cn.fangxin.aftersales.AfterSaleView;
import cn.fangxin.aftersales.AfterSales;
import cn.fangxin.order.Orders;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Money;
import cn.fangxin.platform.PageActions;

/**
 * The after-sales pages: the consumer's request form from an order, the case page with its deadlines and the step
 * each party may take now, and the lists (a consumer's cases, a shop's, the staff's escalated ones).
 */
@Controller
class AfterSalePages {

	private final AfterSales afterSales;
	private final cn.fangxin.aftersales.Invoices invoices;
	private final cn.fangxin.aftersales.AddressChanges changes;
	private final Orders orders;
	private final cn.fangxin.evidence.EvidenceVault vault;
	private final Clock clock;

	AfterSalePages(AfterSales afterSales, cn.fangxin.aftersales.Invoices invoices,
			cn.fangxin.aftersales.AddressChanges changes, Orders orders, cn.fangxin.evidence.EvidenceVault vault,
			Clock clock) {
		this.vault = vault;
		this.afterSales = afterSales;
		this.invoices = invoices;
		this.changes = changes;
		this.orders = orders;
		this.clock = clock;
	}

	/** The request form. */
	record RequestForm(String type, String reason, String amountYuan, String description, List<String> evidenceIds) {
	}

	@GetMapping("/orders/{id}/after-sales/new")
	String form(@PathVariable String id, Caller caller, Model model) {
		model.addAttribute("form", new RequestForm("RETURN_AND_REFUND", "NO_REASON_7DAY", "", "", List.of()));
		return formPage(id, caller, model);
	}

	@PostMapping("/orders/{id}/after-sales")
	String request(@PathVariable String id, @ModelAttribute("form") RequestForm form, Caller caller, Model model,
			RedirectAttributes redirect) {
		try {
			Long amount = form.amountYuan() == null || form.amountYuan().isBlank() ? null
					: Money.parseYuan(form.amountYuan(), "amountFen").fen();
			AfterSaleView created = afterSales.request(caller, id,
					new AfterSaleRequest(form.type(), form.reason(), "EXCHANGE".equals(form.type()) ? null : amount,
							form.description(), form.evidenceIds() == null ? List.of() : form.evidenceIds()));
			redirect.addFlashAttribute("flash", "afterSale.requested");
			return "redirect:/after-sales/" + created.id();
		}
		catch (ApiProblem problem) {
			model.addAttribute("problem", problem);
			return formPage(id, caller, model);
		}
	}

	private String formPage(String orderId, Caller caller, Model model) {
		model.addAttribute("order", orders.get(caller, orderId));
		model.addAttribute("evidence", vault.ofOrder(caller, orderId)
			.stream()
			.filter(e -> e.kind() != cn.fangxin.evidence.EvidenceKind.ORDER_SNAPSHOT
					&& e.kind() != cn.fangxin.evidence.EvidenceKind.CASE_EVENT)
			.toList());
		model.addAttribute("types", AfterSaleType.values());
		model.addAttribute("reasons", AfterSaleReason.values());
		return "aftersales/new";
	}

	@GetMapping("/after-sales")
	String list(Caller caller, Model model) {
		model.addAttribute("cases", afterSales.list(caller, null, 100));
		model.addAttribute("invoices", invoices.list(caller, null));
		model.addAttribute("addressChanges", changes.list(caller, null));
		model.addAttribute("now", clock.instant());
		return "aftersales/list";
	}

	@GetMapping("/after-sales/{id}")
	String show(@PathVariable String id, Caller caller, Model model) {
		AfterSaleView c = afterSales.get(caller, id);
		var order = orders.get(caller, c.orderId());
		model.addAttribute("c", c);
		model.addAttribute("order", order);
		model.addAttribute("now", clock.instant());
		model.addAttribute("isConsumer", caller.id().value().equals(order.consumerId()));
		model.addAttribute("isMerchant", caller.role() == Role.MERCHANT && !caller.id().value().equals(order.consumerId()));
		model.addAttribute("isStaff", caller.isStaff());
		// the records a shop may cite when it refuses: what it and the buyer uploaded for the order
		model.addAttribute("citable", vault.ofOrder(caller, c.orderId())
			.stream()
			.filter(e -> e.kind().uploadable())
			.toList());
		// a rejected request can become a complaint (issue 8): the wizard opens on the matching category
		model.addAttribute("complaintCategory", switch (c.reason()) {
			case NO_REASON_7DAY -> "RETURN_REFUSED";
			case QUALITY, DAMAGED -> "QUALITY_DEFECT";
			case NOT_AS_DESCRIBED -> "NOT_AS_DESCRIBED";
			case COUNTERFEIT -> "COUNTERFEIT";
			case NOT_RECEIVED -> "LOST_PARCEL";
		});
		return "aftersales/show";
	}

	/** An order's invoice requests and address changes, with the forms each party may use now. */
	@GetMapping("/orders/{id}/requests")
	String requests(@PathVariable String id, Caller caller, Model model) {
		var order = orders.get(caller, id);
		model.addAttribute("order", order);
		model.addAttribute("cases", afterSales.list(caller, id, 50));
		model.addAttribute("invoices", invoices.list(caller, id));
		model.addAttribute("addressChanges", changes.list(caller, id));
		model.addAttribute("now", clock.instant());
		model.addAttribute("isConsumer", caller.id().value().equals(order.consumerId()));
		model.addAttribute("isMerchant", caller.role() == Role.MERCHANT && !caller.id().value().equals(order.consumerId()));
		model.addAttribute("isStaff", caller.isStaff());
		return "aftersales/requests";
	}

	@PostMapping("/orders/{id}/invoice-requests")
	String requestInvoice(@PathVariable String id, @RequestParam String title,
			@RequestParam(required = false) String taxId, Caller caller, RedirectAttributes redirect) {
		return actOn(id, redirect, "invoice.requested", () -> invoices.request(caller, id, title, taxId));
	}

	/** The shop issues an invoice: the file itself, or the id of an INVOICE record it uploaded before. */
	@PostMapping("/orders/{id}/invoice-requests/{requestId}/issue")
	String issueInvoice(@PathVariable String id, @PathVariable String requestId,
			@RequestParam(required = false) org.springframework.web.multipart.MultipartFile file,
			@RequestParam(required = false) String evidenceId, Caller caller, RedirectAttributes redirect) {
		return actOn(id, redirect, "invoice.issued", () -> {
			if (file == null || file.isEmpty()) {
				return invoices.issue(caller, requestId, evidenceId);
			}
			try (var content = file.getInputStream()) {
				return invoices.issueUploaded(caller, requestId, content);
			}
			catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		});
	}

	@PostMapping("/orders/{id}/invoice-requests/{requestId}/refuse")
	String refuseInvoice(@PathVariable String id, @PathVariable String requestId, @RequestParam String reason,
			Caller caller, RedirectAttributes redirect) {
		return actOn(id, redirect, "invoice.refused", () -> invoices.refuse(caller, requestId, reason));
	}

	@PostMapping("/orders/{id}/address-changes")
	String requestAddress(@PathVariable String id, @RequestParam String name, @RequestParam String phone,
			@RequestParam String region, @RequestParam String line, Caller caller, RedirectAttributes redirect) {
		return actOn(id, redirect, "addressChange.requested",
				() -> changes.request(caller, id, new cn.fangxin.order.OrderRequest.Address(name, phone, region, line)));
	}

	@PostMapping("/orders/{id}/address-changes/{changeId}/decide")
	String decideAddress(@PathVariable String id, @PathVariable String changeId, @RequestParam String decision,
			@RequestParam(required = false) String reason, Caller caller, RedirectAttributes redirect) {
		return actOn(id, redirect, "addressChange.decided", () -> changes.decide(caller, changeId, decision, reason));
	}

	private static String actOn(String orderId, RedirectAttributes redirect, String done, Supplier<?> action) {
		return PageActions.act("/orders/" + orderId + "/requests", redirect, done, action::get);
	}

	@PostMapping("/after-sales/{id}/approve")
	String approve(@PathVariable String id, @RequestParam(required = false) String returnAddress, Caller caller,
			RedirectAttributes redirect) {
		return act(id, redirect, "afterSale.approved",
				() -> afterSales.decide(caller, id, "APPROVE", null, returnAddress, List.of()), "returnAddress");
	}

	@PostMapping("/after-sales/{id}/reject")
	String reject(@PathVariable String id, @RequestParam(required = false) String reason,
			@RequestParam(required = false) List<String> evidenceIds, @RequestParam(required = false) String evidenceId,
			Caller caller, RedirectAttributes redirect) {
		// the records ticked, and one typed (an id copied from elsewhere)
		List<String> proof = new java.util.ArrayList<>(evidenceIds == null ? List.of() : evidenceIds);
		if (evidenceId != null && !evidenceId.isBlank()) {
			proof.add(evidenceId.strip());
		}
		return act(id, redirect, "afterSale.rejected",
				() -> afterSales.decide(caller, id, "REJECT", reason, null, List.copyOf(proof)), "reason");
	}

	@PostMapping("/after-sales/{id}/ship-return")
	String shipReturn(@PathVariable String id, @RequestParam String carrier, @RequestParam String trackingNumber,
			Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "afterSale.returnShipped", () -> afterSales.shipReturn(caller, id, carrier, trackingNumber),
				"carrier", "trackingNumber");
	}

	@PostMapping("/after-sales/{id}/receive-return")
	String receive(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "afterSale.returnReceived", () -> afterSales.confirmReturnReceipt(caller, id));
	}

	@PostMapping("/after-sales/{id}/ship-replacement")
	String shipReplacement(@PathVariable String id, @RequestParam String carrier, @RequestParam String trackingNumber,
			Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "afterSale.replacementShipped",
				() -> afterSales.shipReplacement(caller, id, carrier, trackingNumber));
	}

	@PostMapping("/after-sales/{id}/return-delivered")
	String returnDelivered(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "afterSale.returnDelivered", () -> afterSales.returnDelivered(caller, id));
	}

	@PostMapping("/after-sales/{id}/escalate")
	String escalate(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "afterSale.escalated", () -> afterSales.escalate(caller, id));
	}

	@PostMapping("/after-sales/{id}/staff-decide")
	String staffDecide(@PathVariable String id, @RequestParam String decision, @RequestParam(required = false) String reasoning,
			Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "afterSale.staffDecided", () -> afterSales.staffDecide(caller, id, decision, reasoning));
	}

	@PostMapping("/after-sales/{id}/withdraw")
	String withdraw(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "afterSale.withdrawn", () -> afterSales.withdraw(caller, id));
	}

	private static String act(String id, RedirectAttributes redirect, String done, Supplier<?> action, String... keep) {
		return PageActions.act("/after-sales/" + id, redirect, done, action::get, keep);
	}
}
