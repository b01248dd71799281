package cn.fangxin.account;

import java.util.EnumSet;
import java.util.Set;

/** What an account is for (API.md "Auth and accounts"). */
public enum Role {

	CONSUMER, MERCHANT,
	/** Platform customer service: reviews registrations, handles first-tier complaints. */
	AGENT,
	/** Platform arbitrator: decides escalated disputes. */
	ARBITRATOR,
	/** 12315 / market supervision: reads referred complaints and the registry. */
	REGULATOR, ADMIN;

	/** The platform's own staff, who may see the parties' objects to do their work. */
	public static final Set<Role> STAFF = EnumSet.of(AGENT, ARBITRATOR, ADMIN);

	/** Roles anyone may sign up for; the others are created by an administrator. */
	public static final Set<Role> SELF_SERVICE = EnumSet.of(CONSUMER, MERCHANT);

	public boolean isStaff() {
		return STAFF.contains(this);
	}

	/** The Spring Security authority for this role. */
	public String authority() {
		return "ROLE_" + name();
	}
}
