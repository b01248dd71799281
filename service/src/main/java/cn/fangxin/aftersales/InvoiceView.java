package cn.fangxin.aftersales;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An invoice request.
 *
 * @param id request id
 * @param orderId the order
 * @param merchantId the shop
 * @param title the invoice's title (the buyer's name or company)
 * @param taxId the company's tax id, if any
 * @param status REQUESTED, ISSUED, REFUSED or OVERDUE
 * @param dueBy the end of the 5th working day after the request
 * @param evidenceId the issued invoice, an INVOICE evidence record
 * @param refusalReason why the shop refused
 * @param createdAt when asked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoiceView(String id, String orderId, String merchantId, String title, String taxId, String status,
		Instant dueBy, String evidenceId, String refusalReason, Instant createdAt) {
}
