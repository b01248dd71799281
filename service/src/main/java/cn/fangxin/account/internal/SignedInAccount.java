package cn.fangxin.account.internal;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import cn.fangxin.account.Role;
import cn.fangxin.platform.ShellUser;

/** An account as Spring Security's form login sees it. */
record SignedInAccount(String id, String username, String passwordHash, Role role, String displayName,
		boolean enabled) implements UserDetails, ShellUser {

	@Override
	public String roleName() {
		return role.name();
	}

	static SignedInAccount of(AccountRecord record) {
		return new SignedInAccount(record.id(), record.username(), record.passwordHash(), record.role(),
				record.displayName(), record.enabled());
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority(role.authority()));
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return username;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}
}
