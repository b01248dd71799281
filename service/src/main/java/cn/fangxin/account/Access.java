package cn.fangxin.account;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

import cn.fangxin.platform.ApiProblem;

/**
 * Who may see or change an object: its parties (the owner and the counterparty) and, where the rule says so, staff.
 * Everyone else is told the object does not exist (404), so that ids cannot be probed (API.md "Conventions").
 *
 * <pre>{@code
 * Access.partiesOrStaff("ORDER_NOT_FOUND", order.consumerId(), order.merchantAccountId()).check(caller);
 * Access.partiesOnly("ORDER_NOT_FOUND", order.consumerId()).check(caller);
 * }</pre>
 *
 * @param notFoundCode the problem code of the 404, e.g. {@code ORDER_NOT_FOUND}
 * @param parties the accounts that are party to the object (null entries are ignored)
 * @param staff the staff roles that may see it too
 */
public record Access(String notFoundCode, Set<AccountId> parties, Set<Role> staff) {

	/** The parties and the platform's staff (agent, arbitrator, admin). */
	public static Access partiesOrStaff(String notFoundCode, AccountId... parties) {
		return new Access(notFoundCode, setOf(parties), Role.STAFF);
	}

	/** The parties only: an action that staff may not take in a party's place. */
	public static Access partiesOnly(String notFoundCode, AccountId... parties) {
		return new Access(notFoundCode, setOf(parties), Set.of());
	}

	/** The same access, extended to more roles (e.g. the regulator once a complaint is referred). */
	public Access orRoles(Role... roles) {
		var wider = new java.util.HashSet<>(staff);
		wider.addAll(Arrays.asList(roles));
		return new Access(notFoundCode, parties, Set.copyOf(wider));
	}

	public boolean allows(Caller caller) {
		return parties.contains(caller.id()) || staff.contains(caller.role());
	}

	/** Returns normally when the caller may see the object, else throws 404 with {@link #notFoundCode}. */
	public void check(Caller caller) {
		if (!allows(caller)) {
			throw ApiProblem.notFound(notFoundCode, "No such object.");
		}
	}

	private static Set<AccountId> setOf(AccountId... parties) {
		return Set.copyOf(Arrays.stream(parties).filter(Objects::nonNull).toList());
	}
}
