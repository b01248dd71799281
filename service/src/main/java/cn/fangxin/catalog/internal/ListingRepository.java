package cn.fangxin.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.fangxin.catalog.ListingStatus;
import cn.fangxin.catalog.PricePoint;
import cn.fangxin.catalog.ReturnExclusion;
import cn.fangxin.merchant.Category;
import cn.fangxin.platform.SqlTime;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The {@code listing} and {@code listing_version} tables; versions are only ever inserted. */
@Repository
public class ListingRepository {

	private final JdbcClient jdbc;
	private final ObjectMapper json;

	ListingRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** A listing's row. */
	public record ListingRow(String id, String merchantId, ListingStatus status, int currentVersion, Instant createdAt) {
	}

	/** A stored version. */
	public record VersionRow(String listingId, int version, ListingRules.Valid content, String createdBy,
			Instant createdAt, String evidenceId) {
	}

	public void insertListing(String id, String merchantId, Instant now) {
		jdbc.sql("""
				insert into listing (id, merchant_id, status, current_version, created_at, updated_at)
				values (:id, :merchant, 'ACTIVE', 1, :now, :now)""")
			.param("id", id)
			.param("merchant", merchantId)
			.param("now", SqlTime.of(now))
			.update();
	}

	public void setEvidence(String listingId, int version, String evidenceId) {
		jdbc.sql("update listing_version set evidence_id = :evidence where listing_id = :id and version = :version")
			.param("evidence", evidenceId)
			.param("id", listingId)
			.param("version", version)
			.update();
	}

	public void insertVersion(String listingId, int version, ListingRules.Valid v, String createdBy, Instant now) {
		jdbc.sql("""
				insert into listing_version (listing_id, version, title, description, category, price_fen,
				  reference_price_fen, functions, format_clauses, seven_day_no_reason, exclusion_reason, brand,
				  brand_authorization_evidence_id, image_evidence_ids, ship_within_hours, created_by, created_at)
				values (:id, :version, :title, :description, :category, :price, :reference, :functions, :clauses, :sevenDays,
				  :exclusion, :brand, :authorization, :images, :ship, :by, :at)""")
			.param("id", listingId)
			.param("version", version)
			.param("title", v.title())
			.param("description", v.description())
			.param("category", v.category().code())
			.param("price", v.priceFen())
			.param("reference", v.referencePriceFen(), java.sql.Types.BIGINT)
			.param("functions", v.functions())
			.param("clauses", json.writeValueAsString(v.formatClauses()))
			.param("sevenDays", v.sevenDayNoReason())
			.param("exclusion", v.exclusionReason() == null ? null : v.exclusionReason().name(), java.sql.Types.VARCHAR)
			.param("brand", v.brand())
			.param("authorization", v.brandAuthorizationEvidenceId())
			.param("images", String.join(",", v.imageEvidenceIds()))
			.param("ship", v.shipWithinHours())
			.param("by", createdBy)
			.param("at", SqlTime.of(now))
			.update();
	}

	public void setCurrentVersion(String id, int version, Instant now) {
		jdbc.sql("update listing set current_version = :version, updated_at = :now where id = :id")
			.param("version", version)
			.param("now", SqlTime.of(now))
			.param("id", id)
			.update();
	}

	public boolean delist(String id, Instant now) {
		return jdbc.sql("update listing set status = 'DELISTED', updated_at = :now where id = :id and status = 'ACTIVE'")
			.param("now", SqlTime.of(now))
			.param("id", id)
			.update() == 1;
	}

	public Optional<ListingRow> find(String id) {
		return jdbc.sql("select * from listing where id = :id").param("id", id).query(ListingRepository::map).optional();
	}

	public Optional<ListingRow> findForUpdate(String id) {
		return jdbc.sql("select * from listing where id = :id for update")
			.param("id", id)
			.query(ListingRepository::map)
			.optional();
	}

	public List<ListingRow> byMerchant(String merchantId, boolean activeOnly, int limit) {
		return jdbc.sql("""
				select * from listing where merchant_id = :merchant and (:all or status = 'ACTIVE')
				order by created_at desc, id desc limit :limit""")
			.param("merchant", merchantId)
			.param("all", !activeOnly)
			.param("limit", limit)
			.query(ListingRepository::map)
			.list();
	}

	/** Listings on sale whose current title contains {@code text} (any, when null), newest first. */
	public List<ListingRow> onSale(String text, int limit) {
		String pattern = text == null ? null
				: "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return jdbc.sql("""
				select l.* from listing l
				join listing_version v on v.listing_id = l.id and v.version = l.current_version
				where l.status = 'ACTIVE' and (cast(:pattern as varchar) is null or lower(v.title) like :pattern escape '\\')
				order by l.created_at desc, l.id desc limit :limit""")
			.param("pattern", pattern)
			.param("limit", limit)
			.query(ListingRepository::map)
			.list();
	}

	/** A listing and its current version, in one query. */
	public Optional<Current> current(String id) {
		return jdbc.sql("""
				select v.*, l.merchant_id l_merchant_id, l.status l_status, l.current_version l_current_version,
				       l.created_at l_created_at
				from listing l join listing_version v on v.listing_id = l.id and v.version = l.current_version
				where l.id = :id
				""")
			.param("id", id)
			.query((rs, n) -> new Current(new ListingRow(rs.getString("listing_id"), rs.getString("l_merchant_id"),
					ListingStatus.valueOf(rs.getString("l_status")), rs.getInt("l_current_version"),
					SqlTime.read(rs, "l_created_at")), mapVersion(rs, n)))
			.optional();
	}

	/** A listing with its current version. */
	public record Current(ListingRow listing, VersionRow version) {
	}

	public Optional<VersionRow> version(String listingId, int version) {
		return jdbc.sql("select * from listing_version where listing_id = :id and version = :version")
			.param("id", listingId)
			.param("version", version)
			.query(this::mapVersion)
			.optional();
	}

	/** Every price the listing had, oldest first. */
	public List<PricePoint> prices(String listingId) {
		return jdbc.sql("""
				select created_at, price_fen, reference_price_fen from listing_version where listing_id = :id order by version""")
			.param("id", listingId)
			.query((rs, n) -> {
				long referenceValue = rs.getLong("reference_price_fen");
				Long reference = rs.wasNull() ? null : referenceValue;
				return new PricePoint(SqlTime.read(rs, "created_at"), rs.getLong("price_fen"), reference);
			})
			.list();
	}

	private static ListingRow map(ResultSet rs, int n) throws SQLException {
		return new ListingRow(rs.getString("id"), rs.getString("merchant_id"), ListingStatus.valueOf(rs.getString("status")),
				rs.getInt("current_version"), SqlTime.read(rs, "created_at"));
	}

	private VersionRow mapVersion(ResultSet rs, int n) throws SQLException {
		long reference = rs.getLong("reference_price_fen");
		Long referencePrice = rs.wasNull() ? null : reference;
		String exclusion = rs.getString("exclusion_reason");
		String images = rs.getString("image_evidence_ids");
		var content = new ListingRules.Valid(rs.getString("title"), rs.getString("description"),
				Category.parse(rs.getString("category")).orElseThrow(), rs.getLong("price_fen"), referencePrice,
				rs.getString("functions"), json.readValue(rs.getString("format_clauses"), new TypeReference<List<String>>() {
				}), rs.getBoolean("seven_day_no_reason"), exclusion == null ? null : ReturnExclusion.valueOf(exclusion),
				rs.getString("brand"), rs.getString("brand_authorization_evidence_id"),
				images == null || images.isEmpty() ? List.of() : Arrays.asList(images.split(",")),
				rs.getInt("ship_within_hours"));
		return new VersionRow(rs.getString("listing_id"), rs.getInt("version"), content, rs.getString("created_by"),
				SqlTime.read(rs, "created_at"), rs.getString("evidence_id"));
	}
}
