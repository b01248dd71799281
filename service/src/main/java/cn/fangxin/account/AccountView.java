package cn.fangxin.account;

import java.time.Instant;

/**
 * An account as others may see it; the phone number is masked.
 *
 * @param id the account
 * @param username login name
 * @param role role
 * @param displayName name shown to others
 * @param phone masked mobile number, if any
 * @param enabled whether it can sign in
 * @param createdAt when it was created
 */
public record AccountView(AccountId id, String username, Role role, String displayName, String phone,
		boolean enabled, Instant createdAt) {
}
