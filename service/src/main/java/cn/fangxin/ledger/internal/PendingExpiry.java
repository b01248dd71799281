package cn.fangxin.ledger.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.fangxin.ledger.Transfer;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.platform.Deadline;
import cn.fangxin.platform.DeadlineHandler;

/**
 * A pending transfer whose timeout passed is voided by a transfer of its own ({@code expire:<id>}, code EXPIRY), so
 * that the release is on the record like any other movement. Already posted or voided: nothing to do.
 */
@Component
class PendingExpiry implements DeadlineHandler {

	private final TransferProcessor processor;

	PendingExpiry(TransferProcessor processor) {
		this.processor = processor;
	}

	@Override
	public String kind() {
		return TransferProcessor.EXPIRY_DEADLINE;
	}

	@Override
	public void onDue(Deadline deadline) {
		String pendingId = deadline.subjectId();
		String id = pendingId.length() <= 93 ? "expire:" + pendingId
				: "expire:" + Integer.toHexString(pendingId.hashCode()) + ":" + pendingId.substring(pendingId.length() - 80);
		processor.process(List.of(List.of(Transfer.voidPending(id, pendingId).withCode(TransferCode.EXPIRY))),
				pendingId.hashCode());
	}
}
