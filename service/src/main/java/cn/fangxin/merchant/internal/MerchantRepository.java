package cn.fangxin.merchant.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.fangxin.merchant.MerchantKind;
import cn.fangxin.merchant.MerchantStatus;
import cn.fangxin.platform.SqlTime;

/** The {@code merchant}, {@code merchant_version} and {@code merchant_notice} tables. */
@Repository
public class MerchantRepository {

	private final JdbcClient jdbc;

	MerchantRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A merchant's current row. */
	public record MerchantRow(String id, String accountId, MerchantStatus status, String statusReason,
			MerchantKind kind, int currentVersion, Integer approvedVersion, String shopName, String regionCode,
			Instant verifiedAt, Instant nextVerificationDue, String identityIndex, String phoneIndex,
			Instant createdAt, Instant closesAt) {
	}

	/** A version of the registration file, identity fields encrypted. */
	public record VersionRow(String merchantId, int version, MerchantKind kind, String shopName, String legalNameEnc,
			String idNumberEnc, String creditCode, String legalRepEnc, String addressEnc, String phoneEnc,
			String licenseNumber, boolean registrationExempt, List<String> categories, boolean crossBorder,
			String regionCode, String identityIndex, String phoneIndex, String submittedBy, Instant submittedAt,
			String changeNote, String reviewStatus, String reviewedBy, Instant reviewedAt, String reviewReason) {
	}

	public void insertMerchant(MerchantRow m, Instant now) {
		jdbc.sql("""
				insert into merchant (id, account_id, status, kind, current_version, shop_name, region_code,
				  identity_index, phone_index, created_at, updated_at)
				values (:id, :account, :status, :kind, :version, :shop, :region, :identity, :phone, :now, :now)""")
			.param("id", m.id())
			.param("account", m.accountId())
			.param("status", m.status().name())
			.param("kind", m.kind().name())
			.param("version", m.currentVersion())
			.param("shop", m.shopName())
			.param("region", m.regionCode())
			.param("identity", m.identityIndex())
			.param("phone", m.phoneIndex())
			.param("now", SqlTime.of(now))
			.update();
	}

	public void insertVersion(VersionRow v) {
		jdbc.sql("""
				insert into merchant_version (merchant_id, version, kind, shop_name, legal_name_enc, id_number_enc,
				  credit_code, legal_rep_enc, address_enc, contact_phone_enc, license_number, registration_exempt,
				  categories, cross_border, region_code, identity_index, phone_index, submitted_by, submitted_at,
				  change_note, review_status)
				values (:merchant, :version, :kind, :shop, :legalName, :idNumber, :creditCode, :legalRep, :address, :phone,
				  :license, :exempt, :categories, :crossBorder, :region, :identity, :phoneIndex, :by, :at, :note, 'PENDING')""")
			.param("merchant", v.merchantId())
			.param("version", v.version())
			.param("kind", v.kind().name())
			.param("shop", v.shopName())
			.param("legalName", v.legalNameEnc())
			.param("idNumber", v.idNumberEnc())
			.param("creditCode", v.creditCode())
			.param("legalRep", v.legalRepEnc())
			.param("address", v.addressEnc())
			.param("phone", v.phoneEnc())
			.param("license", v.licenseNumber())
			.param("exempt", v.registrationExempt())
			.param("categories", String.join(",", v.categories()))
			.param("crossBorder", v.crossBorder())
			.param("region", v.regionCode())
			.param("identity", v.identityIndex())
			.param("phoneIndex", v.phoneIndex())
			.param("by", v.submittedBy())
			.param("at", SqlTime.of(v.submittedAt()))
			.param("note", v.changeNote())
			.update();
	}

	/** Earlier versions still pending are superseded by a newer submission. */
	public void supersedePending(String merchantId, int beforeVersion) {
		jdbc.sql("""
				update merchant_version set review_status = 'SUPERSEDED'
				where merchant_id = :id and version < :version and review_status = 'PENDING'""")
			.param("id", merchantId)
			.param("version", beforeVersion)
			.update();
	}

	public void setReview(String merchantId, int version, String status, String reviewer, String reason, Instant at) {
		jdbc.sql("""
				update merchant_version set review_status = :status, reviewed_by = :reviewer, reviewed_at = :at,
				  review_reason = :reason where merchant_id = :id and version = :version""")
			.param("status", status)
			.param("reviewer", reviewer)
			.param("at", SqlTime.of(at))
			.param("reason", reason)
			.param("id", merchantId)
			.param("version", version)
			.update();
	}

	public void updateMerchant(String id, MerchantStatus status, String reason, int currentVersion,
			Integer approvedVersion, String shopName, String regionCode, String identityIndex, String phoneIndex,
			Instant verifiedAt, Instant nextDue, Instant now) {
		jdbc.sql("""
				update merchant set status = :status, status_reason = :reason, current_version = :current,
				  approved_version = :approved, shop_name = :shop, region_code = :region, identity_index = :identity,
				  phone_index = :phone, verified_at = :verified, next_verification_due = :due, updated_at = :now
				where id = :id""")
			.param("status", status.name())
			.param("reason", reason)
			.param("current", currentVersion)
			.param("approved", approvedVersion, java.sql.Types.INTEGER)
			.param("shop", shopName)
			.param("region", regionCode)
			.param("identity", identityIndex)
			.param("phone", phoneIndex)
			.param("verified", SqlTime.of(verifiedAt))
			.param("due", SqlTime.of(nextDue))
			.param("now", SqlTime.of(now))
			.param("id", id)
			.update();
	}

	/** Changes the status only if it is one of {@code from}; true when it changed. */
	public boolean changeStatus(String id, List<MerchantStatus> from, MerchantStatus to, String reason, Instant now) {
		return jdbc.sql("""
				update merchant set status = :to, status_reason = :reason, updated_at = :now
				where id = :id and status in (:from)""")
			.param("to", to.name())
			.param("reason", reason)
			.param("now", SqlTime.of(now))
			.param("id", id)
			.param("from", from.stream().map(Enum::name).toList())
			.update() == 1;
	}

	/** When a closing shop closes (E-Commerce Law art. 16's announcement), or null when none is announced. */
	public void closesAt(String id, Instant at) {
		jdbc.sql("update merchant set closes_at = :at where id = :id").param("at", SqlTime.of(at)).param("id", id).update();
	}

	/** Shops that were ever verified, by any part of the name or the exact id, by name. */
	public List<MerchantRow> registry(String query, int limit) {
		if (query == null) {
			return jdbc.sql("select * from merchant where approved_version is not null order by shop_name, id limit :limit")
				.param("limit", limit)
				.query(MerchantRepository::map)
				.list();
		}
		String like = "%" + query.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
			.replace("_", "\\_") + "%";
		return jdbc.sql("""
				select * from merchant where approved_version is not null
				  and (lower(shop_name) like :like escape '\\' or id = :id)
				order by shop_name, id limit :limit""")
			.param("like", like)
			.param("id", query)
			.param("limit", limit)
			.query(MerchantRepository::map)
			.list();
	}

	public Optional<MerchantRow> find(String id) {
		return jdbc.sql("select * from merchant where id = :id").param("id", id).query(MerchantRepository::map).optional();
	}

	public Optional<MerchantRow> findForUpdate(String id) {
		return jdbc.sql("select * from merchant where id = :id for update")
			.param("id", id)
			.query(MerchantRepository::map)
			.optional();
	}

	public Optional<MerchantRow> findByAccount(String accountId) {
		return jdbc.sql("select * from merchant where account_id = :account")
			.param("account", accountId)
			.query(MerchantRepository::map)
			.optional();
	}

	public List<MerchantRow> findByStatus(List<MerchantStatus> statuses, int limit) {
		return jdbc.sql("select * from merchant where status in (:statuses) order by updated_at, id limit :limit")
			.param("statuses", statuses.stream().map(Enum::name).toList())
			.param("limit", limit)
			.query(MerchantRepository::map)
			.list();
	}

	/** Merchants waiting for a review: applications and changes alike. */
	public List<MerchantRow> awaitingReview(int limit) {
		return jdbc.sql("""
				select m.* from merchant m where exists (select 1 from merchant_version v where v.merchant_id = m.id
				  and v.version = m.current_version and v.review_status = 'PENDING') order by m.updated_at, m.id limit :limit""")
			.param("limit", limit)
			.query(MerchantRepository::map)
			.list();
	}

	/** Other merchants with the same identity or phone index. */
	public List<MerchantRow> sharing(String identityIndex, String phoneIndex, String exceptId) {
		return jdbc.sql("""
				select * from merchant where (identity_index = :identity or phone_index = :phone)
				  and (:except is null or id <> :except) order by created_at limit 50""")
			.param("identity", identityIndex)
			.param("phone", phoneIndex)
			.param("except", exceptId, java.sql.Types.VARCHAR)
			.query(MerchantRepository::map)
			.list();
	}

	/**
	 * A merchant with its approved version (null if it has none) and its count of marks of one kind, in one query: what
	 * checkout needs to know about the seller.
	 */
	public Optional<Standing> standing(String merchantId, String markKind) {
		return jdbc.sql("""
				select m.*, %s,
				       (select count(*) from merchant_mark k where k.merchant_id = m.id and k.kind = :kind) marks
				from merchant m left join merchant_version v on v.merchant_id = m.id and v.version = m.approved_version
				where m.id = :id
				""".formatted(VERSION_AS_V))
			.param("id", merchantId)
			.param("kind", markKind)
			.query((rs, n) -> new Standing(map(rs, n),
					rs.getString("v_merchant_id") == null ? null : mapVersion(rs, "v_"), rs.getLong("marks")))
			.optional();
	}

	/** A merchant, its approved version (or null) and how many marks of the asked kind it has. */
	public record Standing(MerchantRow merchant, VersionRow approved, long marks) {
	}

	/** The version's columns as {@code v_<column>}, for joins with {@code merchant} (which shares some names). */
	private static final String VERSION_AS_V = java.util.stream.Stream
		.of("merchant_id", "version", "kind", "shop_name", "legal_name_enc", "id_number_enc", "credit_code",
				"legal_rep_enc", "address_enc", "contact_phone_enc", "license_number", "registration_exempt", "categories",
				"cross_border", "region_code", "identity_index", "phone_index", "submitted_by", "submitted_at",
				"change_note", "review_status", "reviewed_by", "reviewed_at", "review_reason")
		.map(c -> "v." + c + " v_" + c)
		.collect(java.util.stream.Collectors.joining(", "));

	public Optional<VersionRow> version(String merchantId, int version) {
		return jdbc.sql("select * from merchant_version where merchant_id = :id and version = :version")
			.param("id", merchantId)
			.param("version", version)
			.query(MerchantRepository::mapVersion)
			.optional();
	}

	public List<VersionRow> versions(String merchantId) {
		return jdbc.sql("select * from merchant_version where merchant_id = :id order by version")
			.param("id", merchantId)
			.query(MerchantRepository::mapVersion)
			.list();
	}

	public void notice(String merchantId, String kind, String detail, Instant at) {
		jdbc.sql("insert into merchant_notice (merchant_id, kind, detail, at) values (:id, :kind, :detail, :at)")
			.param("id", merchantId)
			.param("kind", kind)
			.param("detail", detail)
			.param("at", SqlTime.of(at))
			.update();
	}

	public List<Notice> notices(String merchantId, int limit) {
		return jdbc.sql("select * from merchant_notice where merchant_id = :id order by seq desc limit :limit")
			.param("id", merchantId)
			.param("limit", limit)
			.query((rs, n) -> new Notice(rs.getString("kind"), rs.getString("detail"), SqlTime.read(rs, "at")))
			.list();
	}

	/**
	 * The bank account a shop withdraws to.
	 *
	 * @param bankName the bank
	 * @param accountCipher the account number, encrypted
	 * @param accountMasked the number as shown
	 * @param changedAt when it was last set
	 */
	public record BankAccountRow(String bankName, String accountCipher, String accountMasked, Instant changedAt) {
	}

	public Optional<BankAccountRow> bankAccount(String merchantId) {
		return jdbc.sql("select * from merchant_bank_account where merchant_id = :id")
			.param("id", merchantId)
			.query((rs, n) -> new BankAccountRow(rs.getString("bank_name"), rs.getString("account_cipher"),
					rs.getString("account_masked"), SqlTime.read(rs, "changed_at")))
			.optional();
	}

	/** Sets the shop's bank account, replacing the one before (under the shop's row lock). */
	public void saveBankAccount(String merchantId, BankAccountRow account, String changedBy) {
		boolean replaced = bankAccountParams(jdbc.sql("""
				update merchant_bank_account set bank_name = :bank, account_cipher = :cipher, account_masked = :masked,
				  changed_at = :at, changed_by = :by where merchant_id = :id"""), merchantId, account, changedBy)
			.update() == 1;
		if (!replaced) {
			bankAccountParams(jdbc.sql("""
					insert into merchant_bank_account (merchant_id, bank_name, account_cipher, account_masked, changed_at,
					  changed_by) values (:id, :bank, :cipher, :masked, :at, :by)"""), merchantId, account, changedBy)
				.update();
		}
	}

	private static JdbcClient.StatementSpec bankAccountParams(JdbcClient.StatementSpec sql, String merchantId,
			BankAccountRow account, String changedBy) {
		return sql.param("bank", account.bankName())
			.param("cipher", account.accountCipher())
			.param("masked", account.accountMasked())
			.param("at", SqlTime.of(account.changedAt()))
			.param("by", changedBy)
			.param("id", merchantId);
	}

	/** A notice to a merchant. */
	public record Notice(String kind, String detail, Instant at) {
	}

	private static MerchantRow map(ResultSet rs, int n) throws SQLException {
		int approvedValue = rs.getInt("approved_version");
		Integer approved = rs.wasNull() ? null : approvedValue;
		return new MerchantRow(rs.getString("id"), rs.getString("account_id"), MerchantStatus.valueOf(rs.getString("status")),
				rs.getString("status_reason"), MerchantKind.valueOf(rs.getString("kind")), rs.getInt("current_version"),
				approved, rs.getString("shop_name"), rs.getString("region_code"),
				SqlTime.read(rs, "verified_at"), SqlTime.read(rs, "next_verification_due"), rs.getString("identity_index"),
				rs.getString("phone_index"), SqlTime.read(rs, "created_at"), SqlTime.read(rs, "closes_at"));
	}

	private static VersionRow mapVersion(ResultSet rs, int n) throws SQLException {
		return mapVersion(rs, "");
	}

	private static VersionRow mapVersion(ResultSet rs, String prefix) throws SQLException {
		return new VersionRow(rs.getString(prefix + "merchant_id"), rs.getInt(prefix + "version"),
				MerchantKind.valueOf(rs.getString(prefix + "kind")), rs.getString(prefix + "shop_name"),
				rs.getString(prefix + "legal_name_enc"), rs.getString(prefix + "id_number_enc"),
				rs.getString(prefix + "credit_code"), rs.getString(prefix + "legal_rep_enc"),
				rs.getString(prefix + "address_enc"), rs.getString(prefix + "contact_phone_enc"),
				rs.getString(prefix + "license_number"), rs.getBoolean(prefix + "registration_exempt"),
				Arrays.asList(rs.getString(prefix + "categories").split(",")), rs.getBoolean(prefix + "cross_border"),
				rs.getString(prefix + "region_code"), rs.getString(prefix + "identity_index"),
				rs.getString(prefix + "phone_index"), rs.getString(prefix + "submitted_by"),
				SqlTime.read(rs, prefix + "submitted_at"), rs.getString(prefix + "change_note"),
				rs.getString(prefix + "review_status"), rs.getString(prefix + "reviewed_by"),
				SqlTime.read(rs, prefix + "reviewed_at"), rs.getString(prefix + "review_reason"));
	}
}
