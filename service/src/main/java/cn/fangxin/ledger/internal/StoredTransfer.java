package cn.fangxin.ledger.internal;

import java.time.Instant;

import cn.fangxin.ledger.TransferCode;
import cn.fangxin.ledger.TransferType;

/** A row of {@code ledger_transfer}. */
record StoredTransfer(String id, String debit, String credit, long amount, TransferType type, String pendingId,
		TransferCode code, String orderRef, String caseRef, Instant timeoutAt, Instant createdAt) {
}
