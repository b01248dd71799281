package cn.fangxin.account;

import java.util.Arrays;

import cn.fangxin.platform.ApiProblem;

/**
 * The signed-in account making a request. Controllers take it as a parameter.
 *
 * @param id the account
 * @param username its login name
 * @param role its role
 */
public record Caller(AccountId id, String username, Role role) {

	public boolean isStaff() {
		return role.isStaff();
	}

	public boolean is(AccountId account) {
		return id.equals(account);
	}

	/** Refuses with 403 {@code FORBIDDEN} unless the caller has one of the roles. */
	public Caller requireRole(Role... roles) {
		if (Arrays.asList(roles).contains(role)) {
			return this;
		}
		throw ApiProblem.forbidden("This action needs one of the roles " + Arrays.toString(roles) + ".");
	}
}
