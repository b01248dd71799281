package cn.fangxin.ledger;

/** The outcome of one submitted transfer. */
public record TransferResult(String transferId, TransferStatus status) {

	public boolean succeeded() {
		return status.succeeded();
	}
}
