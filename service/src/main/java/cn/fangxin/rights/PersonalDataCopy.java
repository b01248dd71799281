package cn.fangxin.rights;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import cn.fangxin.account.Accounts;
import cn.fangxin.account.Consents;
import cn.fangxin.aftersales.AddressChanges;
import cn.fangxin.aftersales.AfterSaleView;
import cn.fangxin.aftersales.InvoiceView;
import cn.fangxin.complaint.ComplaintView;
import cn.fangxin.evidence.EvidenceView;
import cn.fangxin.order.OrderView;

/**
 * A person's own copy of their personal data ({@code GET /api/v1/me/personal-data}): what the platform holds about
 * them, unmasked, in one machine-readable document they can keep or take elsewhere (PIPL arts. 45, 50).
 *
 * @param type the document's format, {@code fangxin-personal-data/1}
 * @param generatedAt when it was made
 * @param account the account: username, name, role, mobile number
 * @param consents what the person agreed to, purpose by purpose, under which notice, how and when
 * @param registration a seller's registration file, every version, unmasked (legal name, ID number, address, phone)
 * @param orders the orders bought, each with its whole shipping address
 * @param afterSales returns, exchanges and refunds asked for
 * @param addressChanges changes of address asked for, with the address asked for
 * @param invoices invoices asked for, with their title and taxpayer id
 * @param complaints complaints filed, with what was written
 * @param evidence the files uploaded to the evidence vault (their fingerprints; the files themselves at
 *     {@code /api/v1/evidence/{id}/content})
 * @param accessLog who saw this person's data unmasked (the shop of an order to ship it, staff by work number to
 *     handle one, or the person themself as {@code SELF}), when and why
 * @param erasure whether the account can be erased now, and what stands in the way
 */
public record PersonalDataCopy(String type, Instant generatedAt, Accounts.PersonalData account,
		List<Consents.Consent> consents, List<cn.fangxin.merchant.VersionView> registration, List<Order> orders,
		List<AfterSaleView> afterSales, List<AddressChanges.PersonalCopy> addressChanges, List<InvoiceView> invoices,
		List<ComplaintView> complaints, List<EvidenceView> evidence, List<Access> accessLog, Erasure erasure) {

	/** An order with its whole shipping address (name, phone, region, line; empty once erased). */
	public record Order(OrderView order, Map<String, String> shippingAddress) {
	}

	/**
	 * One unmasked reading of the person's data.
	 *
	 * @param at when
	 * @param readerRole the reader's role (MERCHANT for the shop of the order, or a staff role)
	 * @param reader {@code SELF} for the person's own readings, a staff member's work number, or none for the shop of
	 *     the order
	 * @param subjectType what was read (ORDER, ACCOUNT)
	 * @param subjectId which one
	 * @param fields which fields
	 * @param purpose why, in English
	 */
	public record Access(Instant at, String readerRole, String reader, String subjectType, String subjectId,
			List<String> fields, String purpose) {
	}

	/**
	 * Whether the account can be erased now.
	 *
	 * @param possible true when nothing stands in the way
	 * @param blockers what stands in the way
	 */
	public record Erasure(boolean possible, List<Blocker> blockers) {
	}

	/**
	 * Something that keeps the account from being erased now, and the records concerned.
	 *
	 * @param code {@code OPEN_ORDERS}, {@code OPEN_AFTER_SALES}, {@code OPEN_COMPLAINTS}, {@code MERCHANT_ACCOUNT},
	 *     {@code STAFF_ACCOUNT}
	 * @param detail what to do, in English
	 * @param ids the records concerned
	 */
	public record Blocker(String code, String detail, List<String> ids) {
	}
}
