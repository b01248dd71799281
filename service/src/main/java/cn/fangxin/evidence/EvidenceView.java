package cn.fangxin.evidence;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An evidence record (API.md "Evidence"): what it is, its content's hash, and where it stands in the log.
 *
 * @param id evidence id
 * @param kind kind
 * @param sha256 hex SHA-256 of the content
 * @param size content size
 * @param mediaType media type detected from the bytes
 * @param leafIndex its leaf in the transparency log (final once acknowledged)
 * @param recordedAt server time of recording
 * @param occurredAt claimed time of the event, if given
 * @param orderId order it belongs to
 * @param complaintId complaint it belongs to
 * @param submitter submitting account, or SYSTEM
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvidenceView(String id, EvidenceKind kind, String sha256, long size, String mediaType, Long leafIndex,
		Instant recordedAt, Instant occurredAt, String orderId, String complaintId, String submitter) {
}
