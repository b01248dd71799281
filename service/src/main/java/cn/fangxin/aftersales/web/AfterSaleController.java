package cn.fangxin.aftersales.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.account.Caller;
import cn.fangxin.aftersales.AfterSaleRequest;
import cn.fangxin.aftersales.AfterSaleView;
import cn.fangxin.aftersales.AfterSales;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** API.md "After-sales". */
@RestController
@Tag(name = "After-sales")
class AfterSaleController {

	private final AfterSales afterSales;

	AfterSaleController(AfterSales afterSales) {
		this.afterSales = afterSales;
	}

	@PostMapping("/api/v1/orders/{id}/after-sales")
	@Operation(summary = "The consumer asks for a refund, a return or an exchange",
			description = "400 VALIDATION_FAILED; 404 ORDER_NOT_FOUND; 409 ORDER_NOT_PAID, AFTER_SALE_OPEN; 422 "
					+ "RETURN_WINDOW_CLOSED, RETURN_EXCLUDED, NOT_SHIPPED, AMOUNT_EXCEEDS_PAID, EVIDENCE_NOT_FOUND.")
	ResponseEntity<AfterSaleView> request(@PathVariable String id, @RequestBody AfterSaleRequest request, Caller caller) {
		AfterSaleView created = afterSales.request(caller, id, request);
		return ResponseEntity.created(URI.create("/api/v1/after-sales/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/after-sales")
	@Operation(summary = "The caller's cases (a consumer's, a shop's; staff: the escalated ones), or those of one order")
	Items list(@RequestParam(required = false) String orderId, @RequestParam(defaultValue = "50") int limit,
			Caller caller) {
		return new Items(afterSales.list(caller, orderId, limit));
	}

	@GetMapping("/api/v1/after-sales/{id}")
	@Operation(summary = "A case with its deadlines and timeline (its consumer, its shop, staff)")
	AfterSaleView get(@PathVariable String id, Caller caller) {
		return afterSales.get(caller, id);
	}

	@PostMapping("/api/v1/after-sales/{id}/decision")
	@Operation(summary = "The shop approves or rejects (APPROVE needs returnAddress for a return; REJECT needs a reason)",
			description = "409 AFTER_SALE_NOT_PENDING; 422 REJECTION_NOT_ALLOWED (a no-reason return: only NOT_INTACT, "
					+ "with evidence).")
	AfterSaleView decide(@PathVariable String id, @RequestBody Decision decision, Caller caller) {
		return afterSales.decide(caller, id, decision.decision(), decision.reason(), decision.returnAddress(),
				decision.evidenceIds());
	}

	@PostMapping("/api/v1/after-sales/{id}/return-shipment")
	@Operation(summary = "The consumer sends the goods back", description = "409 AFTER_SALE_NOT_APPROVED.")
	AfterSaleView shipReturn(@PathVariable String id, @RequestBody Shipment shipment, Caller caller) {
		return afterSales.shipReturn(caller, id, shipment.carrier(), shipment.trackingNumber());
	}

	@PostMapping("/api/v1/after-sales/{id}/return-delivery")
	@Operation(summary = "The return was delivered to the shop (AGENT, ADMIN, or a carrier): silence then counts as "
			+ "receipt after 3 days", description = "409 RETURN_NOT_SHIPPED.")
	AfterSaleView returnDelivered(@PathVariable String id, Caller caller) {
		return afterSales.returnDelivered(caller, id);
	}

	@PostMapping("/api/v1/after-sales/{id}/return-receipt")
	@Operation(summary = "The shop confirms the return arrived; the refund follows", description = "409 RETURN_NOT_SHIPPED.")
	AfterSaleView receipt(@PathVariable String id, Caller caller) {
		return afterSales.confirmReturnReceipt(caller, id);
	}

	@PostMapping("/api/v1/after-sales/{id}/replacement-shipment")
	@Operation(summary = "The shop sends an exchange's replacement (due 7 days after the return arrived)",
			description = "409 REPLACEMENT_NOT_DUE.")
	AfterSaleView shipReplacement(@PathVariable String id, @RequestBody Shipment shipment, Caller caller) {
		return afterSales.shipReplacement(caller, id, shipment.carrier(), shipment.trackingNumber());
	}

	@PostMapping("/api/v1/after-sales/{id}/escalation")
	@Operation(summary = "The consumer takes a rejection to the platform", description = "409 AFTER_SALE_NOT_REJECTED.")
	AfterSaleView escalate(@PathVariable String id, Caller caller) {
		return afterSales.escalate(caller, id);
	}

	@PostMapping("/api/v1/after-sales/{id}/staff-decision")
	@Operation(summary = "Customer service decides an escalated case: APPROVE or UPHOLD (the rejection), with reasoning",
			description = "403 for others; 409 AFTER_SALE_NOT_ESCALATED.")
	AfterSaleView staffDecide(@PathVariable String id, @RequestBody StaffDecision body, Caller caller) {
		return afterSales.staffDecide(caller, id, body.decision(), body.reasoning());
	}

	@PostMapping("/api/v1/after-sales/{id}/withdrawal")
	@Operation(summary = "The consumer withdraws the case (no one else can close it)", description = "409 AFTER_SALE_CLOSED.")
	AfterSaleView withdraw(@PathVariable String id, Caller caller) {
		return afterSales.withdraw(caller, id);
	}

	record Items(List<AfterSaleView> items) {
	}

	record Decision(String decision, String reason, String returnAddress, List<String> evidenceIds) {
	}

	record Shipment(String carrier, String trackingNumber) {
	}

	record StaffDecision(String decision, String reasoning) {
	}
}
