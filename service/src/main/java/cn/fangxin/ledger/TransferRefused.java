package cn.fangxin.ledger;

import java.util.List;

import org.springframework.http.HttpStatus;

import cn.fangxin.platform.ApiProblem;

/**
 * A submission the ledger refused: nothing of it was recorded. 422 with the first failing transfer's status as the
 * problem code (e.g. {@code EXCEEDS_CREDITS}); an unknown account is 404.
 */
public class TransferRefused extends ApiProblem {

	private final List<TransferResult> results;

	public TransferRefused(List<TransferResult> results) {
		super(statusOf(firstFailure(results)), firstFailure(results).status().name(),
				"The ledger refused transfer " + firstFailure(results).transferId() + ": "
						+ firstFailure(results).status().name());
		this.results = List.copyOf(results);
		with("transferId", firstFailure(results).transferId());
	}

	public List<TransferResult> results() {
		return results;
	}

	private static TransferResult firstFailure(List<TransferResult> results) {
		return results.stream()
			.filter(r -> !r.succeeded() && r.status() != TransferStatus.LINKED_EVENT_FAILED)
			.findFirst()
			.orElseGet(() -> results.stream().filter(r -> !r.succeeded()).findFirst().orElseThrow());
	}

	private static HttpStatus statusOf(TransferResult failure) {
		return switch (failure.status()) {
			case DEBIT_ACCOUNT_NOT_FOUND, CREDIT_ACCOUNT_NOT_FOUND, PENDING_TRANSFER_NOT_FOUND -> HttpStatus.NOT_FOUND;
			default -> HttpStatus.UNPROCESSABLE_CONTENT;
		};
	}
}
