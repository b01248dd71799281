package cn.fangxin.evidence;

import java.util.Optional;
import java.util.Set;

import cn.fangxin.account.AccountId;

/**
 * Who is party to an order or a complaint, told by the module that owns it (orders, complaints). The vault asks it
 * before it files a party's upload under an order or complaint, and before it hands out the bundle of one: the
 * parties may, staff may, nobody else may (404).
 */
public interface EvidenceSubjects {

	/** Whether this provider owns subjects of this kind. */
	boolean supports(EvidenceBundles.Subject subject);

	/** The parties of the order or complaint, or empty when there is no such subject. */
	Optional<Set<AccountId>> parties(EvidenceBundles.Subject subject, String id);

	/**
	 * The caller's recent subjects of this provider's kind that evidence may be filed under, newest first (the
	 * evidence page offers them, so that nobody has to copy an order number): none by default.
	 */
	default java.util.List<Choice> recentFor(cn.fangxin.account.Caller caller) {
		return java.util.List.of();
	}

	/**
	 * A subject to choose.
	 *
	 * @param subject its kind
	 * @param id its id
	 * @param label what the person knows it by (the goods' title and the shop)
	 */
	record Choice(EvidenceBundles.Subject subject, String id, String label) {
	}
}
