package cn.fangxin.payment.web;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.account.Caller;
import cn.fangxin.payment.PaymentView;
import cn.fangxin.payment.RefundView;
import cn.fangxin.payment.Payments;
import cn.fangxin.payment.internal.PaymentRepository;
import cn.fangxin.payment.internal.SandboxGateway;
import cn.fangxin.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Payments for administrators: one payment with what its provider reported, and the sandbox's test switch. */
@RestController
@Tag(name = "Payments")
class PaymentAdminController {

	private final Payments payments;
	private final PaymentRepository repository;
	private final SandboxGateway sandbox;
	private final boolean testMode;

	PaymentAdminController(Payments payments, PaymentRepository repository, SandboxGateway sandbox,
			@Value("${fangxin.clock.adjustable:false}") boolean testMode) {
		this.payments = payments;
		this.repository = repository;
		this.sandbox = sandbox;
		this.testMode = testMode;
	}

	@GetMapping("/api/v1/admin/payments/{id}")
	@Operation(summary = "A payment and everything its provider reported about it, in order")
	PaymentDetail payment(@PathVariable String id) {
		PaymentView payment = payments.find(id)
			.orElseThrow(() -> ApiProblem.notFound("PAYMENT_NOT_FOUND", "No such payment."));
		return new PaymentDetail(payment, repository.events(id));
	}

	@PostMapping("/api/v1/admin/refunds/{id}/paid-by-hand")
	@Operation(summary = "Records a refund or payout staff paid by hand",
			description = "paidVia: PROVIDER (in the provider's console, under the same refund; any open refund) or "
					+ "BANK_TRANSFER (another way; only a refund the provider refused, booked as a correction to the bank's "
					+ "clearing account). reference: the transfer's number. 409 REFUND_SETTLED, REFUND_NOT_REFUSED.")
	RefundView paidByHand(@PathVariable String id, @RequestBody PaidByHandRequest request, Caller caller) {
		return payments.recordPaidByHand(id, RefundPages.channel(request.paidVia()), request.reference(), caller);
	}

	record PaidByHandRequest(String paidVia, String reference) {
	}

	@PostMapping("/api/v1/admin/payments/sandbox")
	@Operation(summary = "Test switch (demo and tests only): what the sandbox does with the next charge",
			description = "nextCharge: SUCCEED, FAIL (declined) or ANSWER_TWICE (success reported twice).")
	SandboxSwitch sandbox(@RequestBody SandboxSwitch request) {
		if (!testMode) {
			throw ApiProblem.notFound("NOT_FOUND", "There is nothing at this path.");
		}
		if (request.nextCharge() == null) {
			throw ApiProblem.invalidField("nextCharge", "REQUIRED", "one of " + List.of(SandboxGateway.Behaviour.values()));
		}
		sandbox.nextCharge(request.nextCharge());
		return request;
	}

	record PaymentDetail(PaymentView payment, List<String> events) {
	}

	record SandboxSwitch(SandboxGateway.Behaviour nextCharge) {
	}
}
