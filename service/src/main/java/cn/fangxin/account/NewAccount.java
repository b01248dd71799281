package cn.fangxin.account;

/**
 * What it takes to open an account.
 *
 * @param username 3 to 32 letters, digits, dots, dashes or underscores; unique regardless of case
 * @param password at least 8 characters and not easily guessed
 * @param role the role
 * @param phone a mainland mobile number; required for consumers and merchants
 * @param displayName the name shown to others; the username when empty
 * @param privacyNoticeAccepted where the person accepted the privacy notice (the sign-up form, or an API client that
 *     showed it: {@code acceptPrivacyNotice}); null when they did not say, as for staff accounts opened by an admin
 */
public record NewAccount(String username, String password, Role role, String phone, String displayName,
		Consents.Channel privacyNoticeAccepted) {

	/** An account opened without a consent record (staff, opened by an administrator). */
	public NewAccount(String username, String password, Role role, String phone, String displayName) {
		this(username, password, role, phone, displayName, null);
	}
}
