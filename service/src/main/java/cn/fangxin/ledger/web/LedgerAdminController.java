package cn.fangxin.ledger.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Balance;
import cn.fangxin.ledger.Ledger;
import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.ledger.LedgerReports.TrialBalance;
import cn.fangxin.ledger.LedgerReports.Verification;
import cn.fangxin.ledger.TransferView;
import cn.fangxin.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** API.md "Ledger": the invariant check and the trial balance, for administrators. */
@RestController
@Tag(name = "Ledger")
class LedgerAdminController {

	private final Ledger ledger;

	LedgerAdminController(Ledger ledger) {
		this.ledger = ledger;
	}

	@GetMapping("/api/v1/admin/ledger/verify")
	@Operation(summary = "Checks every invariant: debits equal credits, no account past its limit, counters equal "
			+ "their transfers, posts within their pending amounts, escrow = paid − released − refunded")
	Verification verify() {
		return ledger.verify();
	}

	@GetMapping("/api/v1/admin/ledger/trial-balance")
	@Operation(summary = "Posted and pending debits and credits per account and per kind, with totals")
	TrialBalance trialBalance(@RequestParam(required = false) String kind,
			@RequestParam(defaultValue = "500") int limit) {
		if (limit < 1 || limit > 5000) {
			throw ApiProblem.invalidField("limit", "PARAMETER_INVALID", "limit is between 1 and 5000");
		}
		return ledger.trialBalance(kind == null ? null : parseKind(kind), limit);
	}

	@GetMapping("/api/v1/admin/ledger/accounts/{id}")
	@Operation(summary = "An account's counters and its latest transfers")
	AccountView account(@PathVariable String id, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 500) {
			throw ApiProblem.invalidField("limit", "PARAMETER_INVALID", "limit is between 1 and 500");
		}
		LedgerAccountId account;
		try {
			account = new LedgerAccountId(id);
		}
		catch (IllegalArgumentException e) {
			throw ApiProblem.notFound("LEDGER_ACCOUNT_NOT_FOUND", "No such ledger account.");
		}
		Balance balance = ledger.balance(account)
			.orElseThrow(() -> ApiProblem.notFound("LEDGER_ACCOUNT_NOT_FOUND", "No such ledger account."));
		return new AccountView(balance, ledger.transfersOf(account, limit));
	}

	@GetMapping("/api/v1/admin/ledger/transfers/{id}")
	@Operation(summary = "One transfer")
	TransferView transfer(@PathVariable String id) {
		return ledger.transfer(id)
			.orElseThrow(() -> ApiProblem.notFound("TRANSFER_NOT_FOUND", "No such transfer."));
	}

	private static AccountKind parseKind(String kind) {
		try {
			return AccountKind.valueOf(kind);
		}
		catch (IllegalArgumentException e) {
			throw ApiProblem.invalidField("kind", "PARAMETER_INVALID", "kind is one of " + List.of(AccountKind.values()));
		}
	}

	record AccountView(Balance balance, List<TransferView> transfers) {
	}
}
