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
import cn.fangxin.aftersales.AddressChangeView;
import cn.fangxin.aftersales.AddressChanges;
import cn.fangxin.aftersales.InvoiceView;
import cn.fangxin.aftersales.Invoices;
import cn.fangxin.order.OrderRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Invoice requests and address changes (issue 7; paths alongside API.md's after-sales). */
@RestController
@Tag(name = "After-sales")
class RequestController {

	private final Invoices invoices;
	private final AddressChanges changes;

	RequestController(Invoices invoices, AddressChanges changes) {
		this.invoices = invoices;
		this.changes = changes;
	}

	@PostMapping("/api/v1/orders/{id}/invoice-requests")
	@Operation(summary = "The consumer asks for an invoice (the shop has 5 working days)",
			description = "400 VALIDATION_FAILED; 409 ORDER_NOT_PAID.")
	ResponseEntity<InvoiceView> requestInvoice(@PathVariable String id, @RequestBody InvoiceBody body, Caller caller) {
		InvoiceView created = invoices.request(caller, id, body.title(), body.taxId());
		return ResponseEntity.created(URI.create("/api/v1/invoice-requests/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/invoice-requests")
	@Operation(summary = "A consumer's or a shop's invoice requests; for staff the refused and overdue ones")
	Items<InvoiceView> invoices(@RequestParam(required = false) String orderId, Caller caller) {
		return new Items<>(invoices.list(caller, orderId));
	}

	@GetMapping("/api/v1/invoice-requests/{id}")
	InvoiceView invoice(@PathVariable String id, Caller caller) {
		return invoices.get(caller, id);
	}

	@PostMapping("/api/v1/invoice-requests/{id}/invoice")
	@Operation(summary = "The shop issues the invoice: an INVOICE evidence record under the order",
			description = "409 INVOICE_REQUEST_CLOSED; 422 EVIDENCE_NOT_AN_INVOICE.")
	InvoiceView issue(@PathVariable String id, @RequestBody IssueBody body, Caller caller) {
		return invoices.issue(caller, id, body.evidenceId());
	}

	@PostMapping("/api/v1/invoice-requests/{id}/refusal")
	@Operation(summary = "The shop refuses (a mark on its record; the case goes to staff)")
	InvoiceView refuse(@PathVariable String id, @RequestBody ReasonBody body, Caller caller) {
		return invoices.refuse(caller, id, body.reason());
	}

	@PostMapping("/api/v1/orders/{id}/address-changes")
	@Operation(summary = "The consumer asks to ship elsewhere, before shipment (the shop has 24 h)",
			description = "400 VALIDATION_FAILED; 409 ORDER_ALREADY_SHIPPED, ADDRESS_CHANGE_OPEN.")
	ResponseEntity<AddressChangeView> requestChange(@PathVariable String id, @RequestBody OrderRequest.Address body,
			Caller caller) {
		AddressChangeView created = changes.request(caller, id, body);
		return ResponseEntity.created(URI.create("/api/v1/address-changes/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/address-changes")
	@Operation(summary = "A consumer's or a shop's address changes; for staff the escalated ones")
	Items<AddressChangeView> addressChanges(@RequestParam(required = false) String orderId, Caller caller) {
		return new Items<>(changes.list(caller, orderId));
	}

	@GetMapping("/api/v1/address-changes/{id}")
	AddressChangeView addressChange(@PathVariable String id, Caller caller) {
		return changes.get(caller, id);
	}

	@PostMapping("/api/v1/address-changes/{id}/decision")
	@Operation(summary = "The shop (or customer service once escalated) accepts or declines",
			description = "409 ADDRESS_CHANGE_CLOSED, ORDER_ALREADY_SHIPPED.")
	AddressChangeView decide(@PathVariable String id, @RequestBody DecisionBody body, Caller caller) {
		return changes.decide(caller, id, body.decision(), body.reason());
	}

	record Items<T>(List<T> items) {
	}

	record InvoiceBody(String title, String taxId) {
	}

	record IssueBody(String evidenceId) {
	}

	record ReasonBody(String reason) {
	}

	record DecisionBody(String decision, String reason) {
	}
}
