package cn.fangxin.catalog.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.account.Caller;
import cn.fangxin.catalog.ListingRequest;
import cn.fangxin.catalog.ListingView;
import cn.fangxin.catalog.Listings;
import cn.fangxin.catalog.PricePoint;
import cn.fangxin.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** API.md "Listings". Reading is public; listing and changing is for the owning shop. */
@RestController
@Tag(name = "Listings")
class ListingController {

	private final Listings listings;
	private final ObjectMapper json;

	ListingController(Listings listings, ObjectMapper json) {
		this.listings = listings;
		this.json = json;
	}

	@PostMapping("/api/v1/listings")
	@Operation(summary = "Lists goods (MERCHANT in good standing with the category's deposit)",
			description = "422 MERCHANT_NOT_ACTIVE, DEPOSIT_TOO_LOW, CATEGORY_NOT_REGISTERED, BRAND_AUTHORIZATION_REQUIRED, "
					+ "REFERENCE_PRICE_UNSUPPORTED; 400 VALIDATION_FAILED.")
	ResponseEntity<ListingView> create(@RequestBody ListingRequest request, Caller caller) {
		ListingView created = listings.create(caller, request);
		return ResponseEntity.created(URI.create("/api/v1/listings/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/listings/{id}")
	@Operation(summary = "The current version of a listing (public)")
	ListingView get(@PathVariable String id) {
		return listings.get(id);
	}

	@PatchMapping("/api/v1/listings/{id}")
	@Operation(summary = "Changes a listing: a new version (owner). Fields left out keep their value; "
			+ "\"referencePriceFen\": null removes the reference price.")
	ListingView update(@PathVariable String id, @RequestBody JsonNode patch, Caller caller) {
		if (!(patch instanceof ObjectNode changes)) {
			throw ApiProblem.invalid("MALFORMED_JSON", "The body must be a JSON object.");
		}
		ObjectNode merged = json.valueToTree(listings.currentAsRequest(caller, id));
		merged.setAll(changes);
		ListingRequest request;
		try {
			request = json.treeToValue(merged, ListingRequest.class);
		}
		catch (JacksonException e) {
			throw ApiProblem.invalid("MALFORMED_JSON", "The body does not fit a listing: " + e.getOriginalMessage());
		}
		return listings.update(caller, id, request);
	}

	@DeleteMapping("/api/v1/listings/{id}")
	@Operation(summary = "Delists (owner); versions and snapshots stay")
	ListingView delist(@PathVariable String id, Caller caller) {
		return listings.delist(caller, id);
	}

	@GetMapping("/api/v1/listings/{id}/versions/{version}")
	@Operation(summary = "An earlier version (public)")
	ListingView version(@PathVariable String id, @PathVariable int version) {
		return listings.version(id, version);
	}

	@GetMapping("/api/v1/listings/{id}/price-history")
	@Operation(summary = "Every price the listing had, oldest first (public)")
	List<PricePoint> priceHistory(@PathVariable String id) {
		return listings.priceHistory(id);
	}

	@GetMapping("/api/v1/public/merchants/{id}/listings")
	@Operation(summary = "A shop's listings on sale (public)")
	Items onSale(@PathVariable String id) {
		return new Items(listings.onSaleBy(id, 200));
	}

	@GetMapping("/api/v1/listings/mine")
	@Operation(summary = "The caller's shop's listings, delisted ones too")
	Items mine(Caller caller) {
		return new Items(listings.mine(caller, 500));
	}

	record Items(List<ListingView> items) {
	}
}
