package cn.fangxin.aftersales.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.fangxin.aftersales.AddressChangeView;
import cn.fangxin.aftersales.InvoiceView;
import cn.fangxin.platform.PersonalDataCipher;
import cn.fangxin.platform.SqlTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The {@code invoice_request} and {@code address_change} tables. */
@Repository
public class RequestRepository {

	/** The cipher's field of an invoice's buyer (title and taxpayer id, as JSON). */
	static final String BUYER_FIELD = "invoice.buyer";

	private final JdbcClient jdbc;
	private final PersonalDataCipher cipher;
	private final ObjectMapper json;
	private final cn.fangxin.platform.StaffAliases aliases;

	RequestRepository(JdbcClient jdbc, PersonalDataCipher cipher, ObjectMapper json,
			cn.fangxin.platform.StaffAliases aliases) {
		this.aliases = aliases;
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.json = json;
	}

	/** An invoice request's row: its view and its consumer. */
	public record Invoice(InvoiceView view, String consumerId) {
	}

	/** An address change's row: its view, its consumer and the encrypted new address. */
	public record AddressChange(AddressChangeView view, String consumerId, String addressCipher) {
	}

	public void insertInvoice(InvoiceView v, String consumerId) {
		jdbc.sql("""
				insert into invoice_request (id, order_id, consumer_id, merchant_id, buyer_cipher, status, due_by,
				  created_at, updated_at)
				values (:id, :order, :consumer, :merchant, :buyer, :status, :due, :now, :now)""")
			.param("id", v.id())
			.param("order", v.orderId())
			.param("consumer", consumerId)
			.param("merchant", v.merchantId())
			.param("buyer", buyerCipher(v.title(), v.taxId()))
			.param("status", v.status())
			.param("due", SqlTime.of(v.dueBy()))
			.param("now", SqlTime.of(v.createdAt()))
			.update();
	}

	public Optional<Invoice> invoice(String id, boolean lock) {
		return jdbc.sql("select * from invoice_request where id = :id" + (lock ? " for update" : ""))
			.param("id", id)
			.query(this::invoice)
			.optional();
	}

	/** Invoice requests of a consumer, a shop, or in a status, newest first. */
	public List<Invoice> invoicesWhere(String column, String value, int limit) {
		if (!List.of("consumer_id", "merchant_id", "status", "order_id").contains(column)) {
			throw new IllegalArgumentException(column);
		}
		return jdbc.sql("select * from invoice_request where " + column + " = :v order by created_at desc, id desc limit :n")
			.param("v", value)
			.param("n", limit)
			.query(this::invoice)
			.list();
	}

	public void updateInvoice(String id, String status, String evidenceId, String refusalReason, Instant now) {
		jdbc.sql("""
				update invoice_request set status = :status, evidence_id = coalesce(:evidence, evidence_id),
				  refusal_reason = coalesce(:reason, refusal_reason), updated_at = :now where id = :id""")
			.param("status", status)
			.param("evidence", evidenceId, java.sql.Types.VARCHAR)
			.param("reason", refusalReason, java.sql.Types.VARCHAR)
			.param("now", SqlTime.of(now))
			.param("id", id)
			.update();
	}

	public void insertAddressChange(AddressChangeView v, String consumerId, String cipher) {
		jdbc.sql("""
				insert into address_change (id, order_id, consumer_id, merchant_id, address_cipher, address_masked, status,
				  respond_by, created_at, updated_at)
				values (:id, :order, :consumer, :merchant, :cipher, :masked, :status, :due, :now, :now)""")
			.param("id", v.id())
			.param("order", v.orderId())
			.param("consumer", consumerId)
			.param("merchant", v.merchantId())
			.param("cipher", cipher)
			.param("masked", v.newAddress())
			.param("status", v.status())
			.param("due", SqlTime.of(v.respondBy()))
			.param("now", SqlTime.of(v.createdAt()))
			.update();
	}

	public Optional<AddressChange> addressChange(String id, boolean lock) {
		return jdbc.sql("select * from address_change where id = :id" + (lock ? " for update" : ""))
			.param("id", id)
			.query(this::addressChange)
			.optional();
	}

	/** Address changes of a consumer, a shop, an order or in a status, newest first. */
	public List<AddressChange> addressChangesWhere(String column, String value, int limit) {
		if (!List.of("consumer_id", "merchant_id", "status", "order_id").contains(column)) {
			throw new IllegalArgumentException(column);
		}
		return jdbc.sql("select * from address_change where " + column + " = :v order by created_at desc, id desc limit :n")
			.param("v", value)
			.param("n", limit)
			.query(this::addressChange)
			.list();
	}

	public void updateAddressChange(String id, String status, String declineReason, String decidedBy, Instant now) {
		jdbc.sql("""
				update address_change set status = :status, decline_reason = :reason, decided_by = :by, updated_at = :now
				where id = :id""")
			.param("status", status)
			.param("reason", declineReason, java.sql.Types.VARCHAR)
			.param("by", decidedBy, java.sql.Types.VARCHAR)
			.param("now", SqlTime.of(now))
			.param("id", id)
			.update();
	}

	private String buyerCipher(String title, String taxId) {
		java.util.Map<String, String> buyer = new java.util.LinkedHashMap<>();
		buyer.put("title", title);
		if (taxId != null) {
			buyer.put("taxId", taxId);
		}
		return cipher.encrypt(json.writeValueAsString(buyer), BUYER_FIELD);
	}

	/**
	 * Erases a consumer's personal data from their invoice requests (the title, an individual's own name, and the
	 * taxpayer id) and address changes (the new address): erasure on request. The requests themselves stay.
	 */
	public int erasePersonalData(String consumerId, String erasedAddressCipher, String erasedMasked) {
		int invoices = jdbc.sql("""
				update invoice_request set buyer_cipher = :buyer, title = null, tax_id = null, erased = true
				where consumer_id = :consumer and not erased""")
			.param("buyer", buyerCipher(erasedMasked, null))
			.param("consumer", consumerId)
			.update();
		int changes = jdbc.sql("""
				update address_change set address_cipher = :cipher, address_masked = :masked
				where consumer_id = :consumer and address_masked <> :masked""")
			.param("cipher", erasedAddressCipher)
			.param("masked", erasedMasked)
			.param("consumer", consumerId)
			.update();
		return invoices + changes;
	}

	/**
	 * Encrypts the buyer of invoice requests written before it was encrypted, and clears the plain columns; returns how
	 * many. Several instances may run it at once: each row is rewritten only while still plain.
	 */
	public int encryptPlainBuyers() {
		List<String[]> plain = jdbc.sql("select id, title, tax_id from invoice_request where buyer_cipher is null")
			.query((rs, n) -> new String[] { rs.getString("id"), rs.getString("title"), rs.getString("tax_id") })
			.list();
		int done = 0;
		for (String[] row : plain) {
			done += jdbc.sql("""
					update invoice_request set buyer_cipher = :buyer, title = null, tax_id = null
					where id = :id and buyer_cipher is null""")
				.param("buyer", buyerCipher(row[1], row[2]))
				.param("id", row[0])
				.update();
		}
		return done;
	}

	private Invoice invoice(ResultSet rs, int n) throws SQLException {
		String title = rs.getString("title");
		String taxId = rs.getString("tax_id");
		String buyer = rs.getString("buyer_cipher");
		if (buyer != null) {
			JsonNode node = json.readTree(cipher.decrypt(buyer, BUYER_FIELD));
			title = node.path("title").asString();
			taxId = node.has("taxId") ? node.path("taxId").asString() : null;
		}
		return new Invoice(new InvoiceView(rs.getString("id"), rs.getString("order_id"), rs.getString("merchant_id"),
				title, taxId, rs.getString("status"), SqlTime.read(rs, "due_by"),
				rs.getString("evidence_id"), rs.getString("refusal_reason"), SqlTime.read(rs, "created_at")),
				rs.getString("consumer_id"));
	}

	/** An address change's row; staff who decided it shown by their work number. */
	private AddressChange addressChange(ResultSet rs, int n) throws SQLException {
		return new AddressChange(new AddressChangeView(rs.getString("id"), rs.getString("order_id"),
				rs.getString("merchant_id"), rs.getString("address_masked"), rs.getString("status"),
				SqlTime.read(rs, "respond_by"), rs.getString("decline_reason"), aliases.shown(rs.getString("decided_by")),
				SqlTime.read(rs, "created_at")), rs.getString("consumer_id"), rs.getString("address_cipher"));
	}
}
