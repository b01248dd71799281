package cn.fangxin.platform;

/** What the web shell shows of the signed-in user: implemented by the account module's session principal. */
public interface ShellUser {

	String displayName();

	/** The role's name, e.g. {@code ADMIN}. */
	String roleName();
}
