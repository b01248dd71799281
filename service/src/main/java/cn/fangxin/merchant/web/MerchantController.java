package cn.fangxin.merchant.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.account.Caller;
import cn.fangxin.merchant.MerchantApplication;
import cn.fangxin.merchant.MerchantView;
import cn.fangxin.merchant.Merchants;
import cn.fangxin.merchant.PublicShop;
import cn.fangxin.merchant.VersionView;
import cn.fangxin.merchant.internal.MerchantRepository.Notice;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** API.md "Merchants". */
@RestController
@Tag(name = "Merchants")
class MerchantController {

	private final Merchants merchants;

	MerchantController(Merchants merchants) {
		this.merchants = merchants;
	}

	@PostMapping("/api/v1/merchants")
	@Operation(summary = "Apply to sell (MERCHANT account, one shop per account)",
			description = "400 ID_NUMBER_INVALID, CREDIT_CODE_INVALID, PHONE_INVALID or VALIDATION_FAILED; "
					+ "409 MERCHANT_EXISTS.")
	ResponseEntity<MerchantView> apply(@RequestBody MerchantApplication application, Caller caller) {
		MerchantView created = merchants.apply(caller, application);
		return ResponseEntity.created(URI.create("/api/v1/merchants/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/merchants")
	@Operation(summary = "The registry: shops that were ever verified, by any part of the name or the id "
			+ "(AGENT, ARBITRATOR, ADMIN, REGULATOR); a record's identity is read with GET /api/v1/merchants/{id}",
			description = "400 PARAMETER_INVALID for a limit outside 1-500; 403 for other roles.")
	Items<Merchants.RegistryItem> registry(Caller caller, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > 500) {
			throw ApiProblem.invalidField("limit", "PARAMETER_INVALID", "limit is between 1 and 500");
		}
		return new Items<>(merchants.registry(caller, q, limit));
	}

	@GetMapping("/api/v1/merchants/me")
	@Operation(summary = "The caller's own shop")
	MerchantView mine(Caller caller) {
		return merchants.mine(caller)
			.orElseThrow(() -> ApiProblem.notFound("MERCHANT_NOT_FOUND", "This account has not applied to sell."));
	}

	@GetMapping("/api/v1/merchants/review-queue")
	@Operation(summary = "Applications and changes waiting for review, oldest first (AGENT, ADMIN)")
	Items<Merchants.QueueItem> queue(Caller caller, @RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > 500) {
			throw ApiProblem.invalidField("limit", "PARAMETER_INVALID", "limit is between 1 and 500");
		}
		return new Items<>(merchants.reviewQueue(caller, limit));
	}

	@GetMapping("/api/v1/merchants/{id}")
	@Operation(summary = "A registration: the merchant itself (ID number, phone, address masked) or staff (unmasked, audited)")
	MerchantView get(@PathVariable String id, Caller caller) {
		return merchants.get(caller, id);
	}

	@PatchMapping("/api/v1/merchants/{id}")
	@Operation(summary = "Changes the registration file: a new version, reviewed again")
	MerchantView change(@PathVariable String id, @RequestBody MerchantApplication patch, Caller caller) {
		return merchants.change(caller, id, patch);
	}

	@PostMapping("/api/v1/merchants/{id}/reverification")
	@Operation(summary = "Confirms the registration for the six-monthly re-verification")
	MerchantView reverify(@PathVariable String id, Caller caller) {
		return merchants.reverify(caller, id);
	}

	@PostMapping("/api/v1/merchants/{id}/review")
	@Operation(summary = "Approves or rejects the latest version (AGENT, ADMIN); a rejection needs a reason")
	StatusView review(@PathVariable String id, @RequestBody ReviewRequest request, Caller caller) {
		MerchantView reviewed = merchants.review(caller, id, request.decision(), request.reason());
		return new StatusView(reviewed.id(), reviewed.status().name(), reviewed.lastReview());
	}

	@GetMapping("/api/v1/merchants/{id}/history")
	@Operation(summary = "Every version of the registration file (staff; unmasked, audited)")
	Items<VersionView> history(@PathVariable String id, Caller caller) {
		return new Items<>(merchants.history(caller, id));
	}

	@GetMapping("/api/v1/merchants/{id}/notices")
	@Operation(summary = "Notices to the merchant, newest first")
	Items<Notice> notices(@PathVariable String id, Caller caller) {
		return new Items<>(merchants.notices(caller, id));
	}

	@PostMapping("/api/v1/merchants/{id}/deposit")
	@Operation(summary = "Tops up the guarantee deposit by sandbox payment (the merchant; Idempotency-Key)")
	Merchants.DepositResult deposit(@PathVariable String id, @RequestBody DepositRequest request, Caller caller) {
		if (request.amountFen() == null) {
			throw ApiProblem.invalidField("amountFen", "REQUIRED", "the amount in fen");
		}
		return merchants.topUpDeposit(caller, id, Money.fen(request.amountFen()));
	}

	@GetMapping("/api/v1/merchants/{id}/balance")
	@Operation(summary = "Available balance, deposit, money in escrow (the merchant, staff)")
	Merchants.BalanceView balance(@PathVariable String id, Caller caller) {
		return merchants.balance(caller, id);
	}

	@GetMapping("/api/v1/public/merchants/{id}")
	@Operation(summary = "The public shop with its licence information (public)")
	PublicShop publicShop(@PathVariable String id) {
		return merchants.publicShop(id);
	}

	record ReviewRequest(String decision, String reason) {
	}

	record StatusView(String id, String status, MerchantView.Review review) {
	}

	record DepositRequest(Long amountFen) {
	}

	record Items<T>(List<T> items) {
	}
}
