package cn.fangxin.account;

/** An account's opaque id. */
public record AccountId(String value) {

	public AccountId {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("account id is required");
		}
	}

	@Override
	public String toString() {
		return value;
	}
}
