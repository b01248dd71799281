package cn.fangxin.ledger;

/** A ledger account's id, {@code <kind prefix>:<owner>}. */
public record LedgerAccountId(String value) {

	public LedgerAccountId {
		if (value == null || value.isBlank() || value.length() > 100) {
			throw new IllegalArgumentException("a ledger account id has 1 to 100 characters");
		}
	}

	@Override
	public String toString() {
		return value;
	}
}
