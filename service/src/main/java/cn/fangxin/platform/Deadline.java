package cn.fangxin.platform;

import java.time.Instant;

/**
 * A moment by which someone must have acted, stored durably; when it passes, the handler for its kind fires once.
 *
 * @param id the deadline's id
 * @param kind what the deadline is, e.g. {@code ORDER_SHIP_BY}; one {@link DeadlineHandler} per kind
 * @param subjectId the object it is about (an order id, a case id)
 * @param dueAt when it falls due
 * @param payload optional small text the handler needs
 */
public record Deadline(long id, String kind, String subjectId, Instant dueAt, String payload) {
}
