package cn.fangxin.account.internal;

import java.time.Instant;

import cn.fangxin.account.Role;

/** A row of the {@code account} table; the phone is Tink ciphertext. */
public record AccountRecord(String id, String username, String passwordHash, Role role, String displayName,
		String phoneCiphertext, boolean enabled, Instant createdAt) {
}
