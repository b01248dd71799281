package cn.fangxin.merchant.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.account.Caller;
import cn.fangxin.merchant.MerchantStatement;
import cn.fangxin.merchant.MerchantWithdrawals;
import cn.fangxin.payment.WithdrawalView;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A shop's bank account, its withdrawals (提现), its statement (资金流水) and its closure with the deposit's return: beyond
 * API.md, which ends at the available balance.
 */
@RestController
@Tag(name = "Merchants")
class WithdrawalController {

	private final MerchantWithdrawals withdrawals;
	private final cn.fangxin.merchant.MerchantClosure closure;

	private final MerchantStatement statement;

	WithdrawalController(MerchantWithdrawals withdrawals, cn.fangxin.merchant.MerchantClosure closure,
			MerchantStatement statement) {
		this.withdrawals = withdrawals;
		this.closure = closure;
		this.statement = statement;
	}

	@PostMapping("/api/v1/merchants/{id}/closure")
	@Operation(summary = "Announces the shop's closure (the merchant): it sells no more and closes after 30 days' notice "
			+ "on its page (E-Commerce Law art. 16), once nothing is open with buyers; its deposit returns to its balance "
			+ "after the claims period",
			description = "409 SHOP_CLOSED, SHOP_CLOSING, REVIEW_PENDING; 422 MERCHANT_FUNDS_FROZEN when suspended or "
					+ "banned. A shop that "
					+ "never sold closes at once.")
	cn.fangxin.merchant.MerchantClosure.ClosureView close(@PathVariable String id, Caller caller) {
		return closure.close(caller, id);
	}

	@PostMapping("/api/v1/merchants/{id}/closure/withdrawal")
	@Operation(summary = "Withdraws the announced closure (the merchant): the shop sells again",
			description = "409 SHOP_NOT_CLOSING.")
	cn.fangxin.merchant.MerchantClosure.ClosureView withdrawClosure(@PathVariable String id, Caller caller) {
		return closure.withdraw(caller, id);
	}

	@GetMapping("/api/v1/merchants/{id}/closure")
	@Operation(summary = "Whether and when the shop closes, what it has to finish first, when its deposit returns "
			+ "(the merchant, staff)")
	cn.fangxin.merchant.MerchantClosure.ClosureView closure(@PathVariable String id, Caller caller) {
		return closure.closure(caller, id);
	}

	@GetMapping("/api/v1/merchants/{id}/statement")
	@Operation(summary = "The shop's statement (the merchant, staff): without month, its latest movements across its "
			+ "balance, deposit and debt, newest first; with month (yyyy-MM, China's time), that month's opening "
			+ "and closing balances, money in and out, and every movement",
			description = "400 MONTH_INVALID.")
	Object statementApi(@PathVariable String id, @RequestParam(required = false) String month, Caller caller) {
		if (month == null) {
			return new Items<>(statement.lines(caller, id));
		}
		return statement.month(caller, id, StatementPages.parse(month).orElseThrow(() -> ApiProblem.invalidField("month",
				"MONTH_INVALID", "month is a calendar month as yyyy-MM, such as 2026-11")));
	}

	@PutMapping("/api/v1/merchants/{id}/bank-account")
	@Operation(summary = "Sets the bank account the shop withdraws to (the merchant); the payee is its registered name",
			description = "400 BANK_NAME_INVALID, ACCOUNT_NUMBER_INVALID; 422 BANK_ACCOUNT_NOT_VERIFIED. Withdrawals to a new "
					+ "account start after fangxin.merchants.bank-account-hold (24 h).")
	MerchantWithdrawals.BankAccountView setBankAccount(@PathVariable String id, @RequestBody BankAccountRequest request,
			Caller caller) {
		return withdrawals.setBankAccount(caller, id, request.bankName(), request.accountNumber());
	}

	@GetMapping("/api/v1/merchants/{id}/bank-account")
	@Operation(summary = "The bank account the shop withdraws to, masked (the merchant, staff)",
			description = "404 BANK_ACCOUNT_NOT_FOUND when none is set.")
	MerchantWithdrawals.BankAccountView bankAccount(@PathVariable String id, Caller caller) {
		var overview = withdrawals.overview(caller, id);
		if (overview.bankAccount() == null) {
			throw ApiProblem.notFound("BANK_ACCOUNT_NOT_FOUND", "The shop has not set a bank account.");
		}
		return overview.bankAccount();
	}

	@PostMapping("/api/v1/merchants/{id}/withdrawals")
	@Operation(summary = "Withdraws from the available balance to the bank account (the merchant; Idempotency-Key)",
			description = "201 with status PENDING, then SUCCEEDED, or FAILED with the money back in the balance. "
					+ "400 AMOUNT_INVALID; 422 BANK_ACCOUNT_MISSING, BANK_ACCOUNT_ON_HOLD, MERCHANT_FUNDS_FROZEN, "
					+ "INSUFFICIENT_FUNDS, WITHDRAWAL_UNAVAILABLE.")
	ResponseEntity<WithdrawalView> withdraw(@PathVariable String id, @RequestBody WithdrawalBody request, Caller caller) {
		if (request.amountFen() == null) {
			throw ApiProblem.invalidField("amountFen", "REQUIRED", "the amount in fen");
		}
		WithdrawalView made = withdrawals.withdraw(caller, id, Money.fen(request.amountFen()), null);
		return ResponseEntity.created(URI.create("/api/v1/merchants/" + id + "/withdrawals/" + made.id())).body(made);
	}

	@GetMapping("/api/v1/merchants/{id}/withdrawals")
	@Operation(summary = "The shop's withdrawals, newest first (the merchant, staff)")
	Items<WithdrawalView> list(@PathVariable String id, Caller caller) {
		return new Items<>(withdrawals.withdrawals(caller, id));
	}

	@GetMapping("/api/v1/merchants/{id}/withdrawals/{withdrawalId}")
	@Operation(summary = "One withdrawal (the merchant, staff)", description = "404 WITHDRAWAL_NOT_FOUND.")
	WithdrawalView one(@PathVariable String id, @PathVariable String withdrawalId, Caller caller) {
		return withdrawals.withdrawal(caller, id, withdrawalId);
	}

	record BankAccountRequest(String bankName, String accountNumber) {

		/** Never the number: a request may be logged. */
		@Override
		public String toString() {
			return "BankAccountRequest[" + bankName + "]";
		}
	}

	record WithdrawalBody(Long amountFen) {
	}

	record Items<T>(List<T> items) {
	}
}
