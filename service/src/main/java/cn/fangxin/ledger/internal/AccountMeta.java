package cn.fangxin.ledger.internal;

import cn.fangxin.ledger.AccountFlag;
import cn.fangxin.ledger.AccountKind;

/** What the ledger needs to know of an account to move money on it; immutable once the account exists. */
record AccountMeta(String id, AccountKind kind, AccountFlag flag, int shards) {

	boolean limited() {
		return flag != AccountFlag.NONE;
	}
}
