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
}
