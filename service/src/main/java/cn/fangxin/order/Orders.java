package cn.fangxin.order;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.AccountId;
import cn.fangxin.account.Caller;
import cn.fangxin.account.Role;
import cn.fangxin.catalog.ListingStatus;
import cn.fangxin.catalog.ReturnExclusion;
import cn.fangxin.catalog.ListingView;
import cn.fangxin.catalog.Listings;
import cn.fangxin.evidence.EvidenceKind;
import cn.fangxin.evidence.EvidenceVault;
import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Balance;
import cn.fangxin.ledger.Ledger;
import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.ledger.Transfer;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.ledger.TransferView;
import cn.fangxin.merchant.Category;
import cn.fangxin.merchant.MarkKind;
import cn.fangxin.merchant.Merchants;
import cn.fangxin.merchant.PublicShop;
import cn.fangxin.order.internal.OrderRepository;
import cn.fangxin.order.internal.OrderRepository.OrderRow;
import cn.fangxin.payment.PaymentProvider;
import cn.fangxin.payment.PaymentPurpose;
import cn.fangxin.payment.PaymentRequest;
import cn.fangxin.payment.PaymentStatus;
import cn.fangxin.payment.PaymentArriving;
import cn.fangxin.payment.PaymentSucceeded;
import cn.fangxin.payment.PaymentView;
import cn.fangxin.payment.Payments;
import cn.fangxin.payment.RefundRequest;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Deadlines;
import cn.fangxin.platform.Detail;
import cn.fangxin.platform.Details;
import cn.fangxin.platform.Ids;
import cn.fangxin.platform.Masking;
import cn.fangxin.platform.MobileNumber;
import cn.fangxin.platform.Money;
import cn.fangxin.platform.PersonalDataCipher;
import cn.fangxin.privacy.AccessAudit;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import static cn.fangxin.platform.Detail.at;
import static cn.fangxin.platform.Detail.code;
import static cn.fangxin.platform.Detail.fen;
import static cn.fangxin.platform.Detail.nested;
import static cn.fangxin.platform.Detail.text;

/**
 * The orders' use cases. Every change of an order's state locks its row first, in the transaction that also moves its
 * money and schedules its deadlines, so a party and a deadline racing for the same order end in one outcome. Lock
 * order: a deadline's handler runs after the scheduler claimed (locked) the deadline's row and then locks the order;
 * so a party's path, which locks the order first, never waits for a deadline row: it withdraws only deadlines not yet
 * due ({@link Deadlines#cancelNotDue}), which no scheduler holds. One due within the minute fires as a no-op: each
 * handler checks the order's state and due time.
 */
@Service
public class Orders {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Orders.class);

	static final String NOT_FOUND = "ORDER_NOT_FOUND";
	/** Deadline kinds. */
	static final String PAYMENT_DUE = "ORDER_PAYMENT_DUE";
	static final String SHIP_BY = "ORDER_SHIP_BY";
	static final String AUTO_CONFIRM = "ORDER_AUTO_CONFIRM";
	static final String PRESUMED_DELIVERY = "ORDER_PRESUMED_DELIVERY";

	private static final int MAX_ITEMS = 20;
	private static final String ADDRESS_FIELD = "shippingAddress";
	private static final List<OrderStatus> TO_SHIP = List.of(OrderStatus.PAID, OrderStatus.AWAITING_SHIPMENT);

	private final OrderRepository repository;
	private final Listings listings;
	private final Merchants merchants;
	private final EvidenceVault vault;
	private final Ledger ledger;
	private final Payments payments;
	private final Deadlines deadlines;
	private final PersonalDataCipher cipher;
	private final AccessAudit audit;
	private final ObjectMapper json;
	private final OrderProperties properties;
	private final Details details;
	private final cn.fangxin.platform.StaffAliases aliases;
	private final Clock clock;

	Orders(OrderRepository repository, Listings listings, Merchants merchants, EvidenceVault vault, Ledger ledger,
			Payments payments, Deadlines deadlines, PersonalDataCipher cipher, AccessAudit audit, ObjectMapper json,
			OrderProperties properties, Details details, cn.fangxin.platform.StaffAliases aliases, Clock clock) {
		this.aliases = aliases;
		this.repository = repository;
		this.listings = listings;
		this.merchants = merchants;
		this.vault = vault;
		this.ledger = ledger;
		this.payments = payments;
		this.deadlines = deadlines;
		this.cipher = cipher;
		this.audit = audit;
		this.json = json;
		this.properties = properties;
		this.details = details;
		this.clock = clock;
	}

	/** The escrow account of an order. */
	public static LedgerAccountId escrowOf(String orderId) {
		return AccountKind.ESCROW.idFor(orderId);
	}

	// ---------------------------------------------------------------------------------------------------- checkout

	/**
	 * A consumer places an order with one shop. The listings' current versions, prices, return policies and format
	 * clauses and the shop's public identity are frozen in an ORDER_SNAPSHOT evidence record in this transaction.
	 */
	@Transactional
	public OrderView place(Caller caller, OrderRequest request) {
		caller.requireRole(Role.CONSUMER);
		if (request.paymentMode() == PaymentMode.PAY_AFTER_RECEIPT && !payments.takesNewPayments(PaymentProvider.SANDBOX)) {
			// its charge at confirmation goes through the sandbox, which takes no new payments here (prod)
			throw ApiProblem.rule("PAYMENT_MODE_UNAVAILABLE",
					"Pay after receipt is not offered here: no provider can charge it at receipt confirmation.");
		}
		Checkout checkout = validate(caller, request);
		Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as the database keeps it
		String id = Ids.next("ord");
		String merchantId = checkout.listings().get(0).merchantId();
		for (ListingView listing : checkout.listings()) {
			if (!listing.merchantId().equals(merchantId)) {
				throw ApiProblem.rule("ORDER_MULTIPLE_MERCHANTS", "One order buys from one shop; place one order per shop.");
			}
			if (listing.status() != ListingStatus.ACTIVE) {
				throw ApiProblem.rule("LISTING_NOT_ACTIVE", "Listing " + listing.id() + " is no longer on sale.")
					.with("listingId", listing.id());
			}
		}
		Set<Category> categories = new java.util.LinkedHashSet<>();
		checkout.listings().forEach(l -> categories.add(Category.parse(l.category()).orElse(null)));
		Merchants.CheckoutSeller seller = merchants.requireMaySellAll(merchantId, categories);
		AccountId merchantAccount = seller.account();
		PublicShop shop = seller.shop();

		List<OrderView.Item> items = new ArrayList<>();
		long total = 0;
		int shipWithin = Integer.MAX_VALUE;
		for (int i = 0; i < checkout.listings().size(); i++) {
			ListingView l = checkout.listings().get(i);
			int quantity = checkout.quantities().get(i);
			total = Math.addExact(total, Math.multiplyExact(l.priceFen(), quantity));
			shipWithin = Math.min(shipWithin, l.shipWithinHours());
			boolean needsConfirmation = !l.returnPolicy().sevenDayNoReason()
					&& l.returnPolicy().exclusionReason() == ReturnExclusion.CONFIRMED_AT_PURCHASE;
			if (needsConfirmation && !checkout.confirmed().get(i)) {
				// CRPL art. 25 ¶2: excluded only with the consumer's confirmation at purchase
				throw ApiProblem.rule("RETURN_CONFIRMATION_REQUIRED", l.title() + " cannot be returned without reason once "
						+ "bought; confirm it (confirmedNoReturn) to buy it.").with("listingId", l.id());
			}
			items.add(new OrderView.Item(l.id(), l.version(), l.title(), l.priceFen(), quantity,
					l.returnPolicy().sevenDayNoReason(),
					l.returnPolicy().exclusionReason() == null ? null : l.returnPolicy().exclusionReason().name(),
					needsConfirmation));
		}
		PaymentMode mode = request.paymentMode() == null ? PaymentMode.ESCROW : request.paymentMode();
		OrderRequest.Address address = checkout.address();
		String region = address.region().strip();

		ObjectNode snapshot = json.createObjectNode();
		snapshot.put("type", "fangxin-order-snapshot/1");
		snapshot.put("orderId", id);
		snapshot.put("placedAt", now.toString());
		snapshot.put("consumerId", caller.id().value());
		snapshot.put("paymentMode", mode.name());
		snapshot.put("totalFen", total);
		snapshot.put("currency", "CNY");
		snapshot.put("shipWithinHours", shipWithin);
		snapshot.put("shippingRegion", region); // the region only: the snapshot carries no personal data
		snapshot.set("seller", json.valueToTree(shop));
		var lines = snapshot.putArray("items");
		for (int i = 0; i < checkout.listings().size(); i++) {
			ListingView l = checkout.listings().get(i);
			ObjectNode line = lines.addObject();
			line.put("listingId", l.id());
			line.put("listingVersion", l.version());
			line.put("listingVersionEvidenceId", l.evidenceId());
			line.put("title", l.title());
			line.put("description", l.description());
			line.put("category", l.category());
			line.put("unitPriceFen", l.priceFen());
			if (l.referencePriceFen() != null) {
				line.put("referencePriceFen", l.referencePriceFen());
			}
			line.put("quantity", checkout.quantities().get(i));
			line.put("functions", l.functions());
			line.set("formatClauses", json.valueToTree(l.formatClauses()));
			line.set("returnPolicy", json.valueToTree(l.returnPolicy()));
			if (l.brand() != null) {
				line.put("brand", l.brand());
			}
			line.put("shipWithinHours", l.shipWithinHours());
			if (items.get(i).confirmedNoReturn()) {
				line.put("consumerConfirmedNoReturn", true); // the consumer's confirmation at purchase, on the record
			}
		}
		var evidence = vault.recordSystem(EvidenceKind.ORDER_SNAPSHOT,
				json.writeValueAsString(snapshot).getBytes(StandardCharsets.UTF_8), "application/json", id, null,
				List.of(caller.id(), merchantAccount));

		String masked = masked(address);
		boolean escrow = mode == PaymentMode.ESCROW;
		Instant payBy = escrow ? now.plus(properties.paymentWindow()) : null;
		Instant shipBy = escrow ? null : now.plus(Duration.ofHours(shipWithin));
		repository.insert(new OrderRepository.NewOrder(id, caller.id().value(), merchantId,
				escrow ? OrderStatus.AWAITING_PAYMENT : OrderStatus.AWAITING_SHIPMENT, mode, total, evidence.id(), shipWithin,
				encrypted(address), masked, phoneIndex(address.phone()), payBy, shipBy, items), now);
		ledger.openNew(AccountKind.ESCROW, id);
		Detail placed = Detail.of("orderDetail.placed", code("paymentMode", mode), fen(total));
		String placedText = repository.event(id, now, "PLACED", "CONSUMER", placed);
		if (escrow) {
			deadlines.schedule(PAYMENT_DUE, id, payBy);
		}
		else {
			deadlines.schedule(SHIP_BY, id, shipBy);
		}
		// The new order as it was just written: nothing to read back.
		return new OrderView(id, escrow ? OrderStatus.AWAITING_PAYMENT : OrderStatus.AWAITING_SHIPMENT, merchantId,
				shop.shopName(), caller.id().value(), List.copyOf(items), total, mode, new OrderView.Escrow(0, 0, 0, 0, 0, 0), payBy,
				shipBy, null, null, null, null, null, null, null, evidence.id(), masked,
				List.of(escrow ? new OrderView.DeadlineView(PAYMENT_DUE, payBy) : new OrderView.DeadlineView(SHIP_BY, shipBy)),
				List.of(), null, List.of(new OrderView.Event(now, "PLACED", "CONSUMER", placedText, placed)), now);
	}

	private record Checkout(List<ListingView> listings, List<Integer> quantities, List<Boolean> confirmed,
			OrderRequest.Address address) {
	}

	private Checkout validate(Caller caller, OrderRequest request) {
		List<ApiProblem.FieldError> errors = new ArrayList<>();
		if (request.items() == null || request.items().isEmpty()) {
			errors.add(new ApiProblem.FieldError("items", "ITEMS_REQUIRED", "an order needs at least one item"));
		}
		else if (request.items().size() > MAX_ITEMS) {
			errors.add(new ApiProblem.FieldError("items", "TOO_MANY_ITEMS", "at most " + MAX_ITEMS + " items"));
		}
		else {
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < request.items().size(); i++) {
				OrderRequest.Item item = request.items().get(i);
				String field = "items[" + i + "]";
				if (item == null || item.listingId() == null || item.listingId().isBlank()) {
					errors.add(new ApiProblem.FieldError(field + ".listingId", "REQUIRED", "the listing is required"));
					continue;
				}
				if (!seen.add(item.listingId())) {
					errors.add(new ApiProblem.FieldError(field + ".listingId", "DUPLICATE_ITEM",
							"list each listing once, with its quantity"));
				}
				if (item.quantity() == null || item.quantity() < 1 || item.quantity() > 99) {
					errors.add(new ApiProblem.FieldError(field + ".quantity", "QUANTITY_INVALID", "from 1 to 99"));
				}
			}
		}
		OrderRequest.Address address = request.shippingAddress();
		String from = request.shippingAddressFrom();
		if (from != null && address != null) {
			errors.add(new ApiProblem.FieldError("shippingAddressFrom", "ADDRESS_TWICE",
					"give either shippingAddress or shippingAddressFrom, not both"));
		}
		else if (from != null) {
			// only the consumer's own orders: another's is no address to ship to (nor a way to read it)
			address = earlierAddress(caller, from).orElse(null);
			if (address == null) {
				errors.add(new ApiProblem.FieldError("shippingAddressFrom", "ORDER_NOT_FOUND", "none of your orders"));
			}
		}
		else {
			addressErrors(address, errors);
		}
		if (!errors.isEmpty()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The order is not complete.", errors);
		}
		List<ListingView> found = new ArrayList<>();
		List<Integer> quantities = new ArrayList<>();
		List<Boolean> confirmed = new ArrayList<>();
		for (OrderRequest.Item item : request.items()) {
			found.add(listings.forCheckout(item.listingId()));
			quantities.add(item.quantity());
			confirmed.add(Boolean.TRUE.equals(item.confirmedNoReturn()));
		}
		return new Checkout(found, quantities, confirmed, address);
	}

	private static boolean blankOrLonger(String text, int max) {
		return text == null || text.isBlank() || text.strip().length() > max;
	}

	// ---------------------------------------------------------------------------------------------------- payment

	/**
	 * The consumer pays an order into escrow (or, for a pay-after-receipt order whose charge failed, settles it).
	 * 409 {@code ORDER_ALREADY_PAID}, {@code ORDER_CLOSED}, {@code ORDER_PAY_AFTER_RECEIPT},
	 * {@code ORDER_PAYMENT_EXPIRED}; 422 {@code PAYMENT_DECLINED}.
	 */
	@Transactional
	public Paid pay(Caller caller, String orderId, String method) {
		OrderRow order = lockAs(caller, orderId, Party.CONSUMER);
		PaymentProvider provider = provider(method);
		switch (order.status()) {
			case AWAITING_PAYMENT -> {
				if (!clock.instant().isBefore(order.payBy())) {
					throw ApiProblem.conflict("ORDER_PAYMENT_EXPIRED", "The 30 minutes to pay this order have passed.");
				}
			}
			case CHARGE_FAILED -> {
				// a retried pay-after-receipt charge
			}
			case AWAITING_SHIPMENT, SHIPPED, DELIVERED -> {
				if (order.mode() == PaymentMode.PAY_AFTER_RECEIPT) {
					throw ApiProblem.conflict("ORDER_PAY_AFTER_RECEIPT",
							"This order is paid when you confirm receipt.");
				}
				throw ApiProblem.conflict("ORDER_ALREADY_PAID", "This order is paid.");
			}
			case PAID -> throw ApiProblem.conflict("ORDER_ALREADY_PAID", "This order is paid.");
			default -> throw ApiProblem.conflict("ORDER_CLOSED", "This order is " + order.status() + ".");
		}
		PaymentView payment = charge(order, provider);
		if (payment.status() == PaymentStatus.FAILED) {
			throw ApiProblem.rule("PAYMENT_DECLINED", "The payment was declined: " + payment.failureReason());
		}
		// what API.md answers: the order's new status and ship-by time (the whole order is one GET away), from the row
		// this transaction holds locked
		OrderRow paid = repository.lock(orderId).orElseThrow();
		return new Paid(paid.id(), paid.status(), paid.shipBy(), payment.id(), payment.status());
	}

	/**
	 * A payment's answer: the order's status after it ({@code PAID}; {@code COMPLETED} for a settled pay-after-receipt
	 * debt; still {@code AWAITING_PAYMENT} while a provider has not confirmed) and its ship-by time.
	 */
	public record Paid(String id, OrderStatus status, Instant shipBy, String paymentId, PaymentStatus paymentStatus) {
	}

	private PaymentView charge(OrderRow order, PaymentProvider provider) {
		return payments.start(new PaymentRequest(provider, PaymentPurpose.ORDER, order.id(), order.consumerId(),
				Money.fen(order.totalFen()), escrowOf(order.id()), TransferCode.PAYMENT, order.id()));
	}

	private static PaymentProvider provider(String method) {
		try {
			return PaymentProvider.valueOf(method == null ? "SANDBOX" : method.strip());
		}
		catch (IllegalArgumentException e) {
			throw ApiProblem.invalidField("method", "PAYMENT_METHOD_INVALID", "SANDBOX or WECHATPAY");
		}
	}

	/**
	 * A provider's success for an order's payment is about to be booked: the order's row is locked first, as on every
	 * path of the order's own (order, then payment, then escrow), so that a late success and a cancellation or refund
	 * of the same order queue instead of deadlocking.
	 */
	@EventListener
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public void onPaymentArriving(PaymentArriving arriving) {
		if (arriving.purpose() == PaymentPurpose.ORDER) {
			repository.lock(arriving.reference());
		}
	}

	/**
	 * An order's payment was booked into its escrow (in the booking's transaction, whether the sandbox answered at once
	 * or a provider's notification came later). Money that arrives for an order that can no longer take it (cancelled
	 * meanwhile, paid twice) goes straight back.
	 */
	@EventListener
	@Transactional
	public void onPaymentSucceeded(PaymentSucceeded paid) {
		if (paid.purpose() != PaymentPurpose.ORDER) {
			return;
		}
		OrderRow order = repository.lock(paid.reference()).orElse(null);
		if (order == null) {
			return;
		}
		Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as the database keeps it
		boolean payAfterReceipt = order.mode() == PaymentMode.PAY_AFTER_RECEIPT;
		if (order.status() == OrderStatus.AWAITING_PAYMENT && !payAfterReceipt) {
			Instant shipBy = now.plus(Duration.ofHours(order.shipWithinHours()));
			repository.update(order.id(), OrderStatus.PAID, now, Map.of("payment_id", paid.paymentId(), "ship_by", shipBy));
			deadlines.cancelNotDue(PAYMENT_DUE, order.id()); // else it fires in 30 minutes to find the order paid
			deadlines.schedule(SHIP_BY, order.id(), shipBy);
			repository.event(order.id(), now, "PAID", "CONSUMER", Detail.of("orderDetail.paid", fen(paid.amountFen())));
		}
		else if (payAfterReceipt && (order.status() == OrderStatus.SHIPPED || order.status() == OrderStatus.DELIVERED
				|| order.status() == OrderStatus.CHARGE_FAILED)) {
			repository.update(order.id(), order.status(), now, Map.of("payment_id", paid.paymentId()));
			repository.event(order.id(), now, "CHARGED", "CONSUMER", Detail.of("orderDetail.charged", fen(paid.amountFen())));
			if (order.status() == OrderStatus.CHARGE_FAILED) {
				repository.settleDebt(order.id(), now);
			}
			complete(repository.lock(order.id()).orElseThrow(), "SYSTEM", "COMPLETED");
		}
		else {
			payments.refund(new RefundRequest("returned:" + paid.paymentId(), paid.paymentId(), Money.fen(paid.amountFen()),
					escrowOf(order.id()), TransferCode.REFUND, order.id(), null));
			repository.event(order.id(), now, "PAYMENT_RETURNED", "SYSTEM", Detail.of("orderDetail.paymentReturned",
					fen(paid.amountFen()), code("orderStatus", order.status())));
		}
	}

	// ---------------------------------------------------------------------------------------------------- fulfilment

	/**
	 * The merchant ships. 409 {@code ORDER_NOT_PAID}, {@code ORDER_ALREADY_SHIPPED}, {@code ORDER_CLOSED},
	 * {@code SHIP_BY_PASSED} (the order is being refunded).
	 */
	@Transactional
	public OrderView ship(Caller caller, String orderId, String carrier, String trackingNumber) {
		List<ApiProblem.FieldError> errors = new ArrayList<>();
		if (blankOrLonger(carrier, 60)) {
			errors.add(new ApiProblem.FieldError("carrier", "REQUIRED", "the carrier, up to 60 characters"));
		}
		if (blankOrLonger(trackingNumber, 60)) {
			errors.add(new ApiProblem.FieldError("trackingNumber", "REQUIRED", "the tracking number, up to 60 characters"));
		}
		if (!errors.isEmpty()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The shipment is not complete.", errors);
		}
		OrderRow order = lockAs(caller, orderId, Party.MERCHANT);
		switch (order.status()) {
			case PAID, AWAITING_SHIPMENT -> {
			}
			case AWAITING_PAYMENT -> throw ApiProblem.conflict("ORDER_NOT_PAID", "The order is not paid yet.");
			case SHIPPED, DELIVERED, COMPLETED, CHARGE_FAILED ->
				throw ApiProblem.conflict("ORDER_ALREADY_SHIPPED", "The order has shipped.");
			default -> throw ApiProblem.conflict("ORDER_CLOSED", "The order is " + order.status() + ".");
		}
		Instant now = clock.instant();
		if (!now.isBefore(order.shipBy())) {
			throw ApiProblem.conflict("SHIP_BY_PASSED", "The order was due to ship by " + order.shipBy()
					+ "; it is being refunded to the consumer.");
		}
		repository.update(orderId, OrderStatus.SHIPPED, now,
				Map.of("carrier", carrier.strip(), "tracking_number", tracking(trackingNumber), "shipped_at", now));
		deadlines.cancelNotDue(SHIP_BY, orderId);
		deadlines.schedule(PRESUMED_DELIVERY, orderId, now.plus(properties.deliveryReportWindow()));
		repository.event(orderId, now, "SHIPPED", "MERCHANT",
				Detail.of("detail.tracking", text(carrier.strip()), text(tracking(trackingNumber))));
		return viewOf(orderId);
	}

	/**
	 * The carrier (or staff on its behalf) reports delivery; the 10 days to confirm receipt start. 409
	 * {@code ORDER_NOT_SHIPPED}; 400 {@code SIGNED_AT_INVALID} for a time before shipment or in the future.
	 */
	@Transactional
	public OrderView deliver(Caller caller, String orderId, Instant signedAt) {
		caller.requireRole(Role.AGENT, Role.ADMIN);
		OrderRow order = repository.lock(orderId).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such order."));
		// taken as delivered for want of a report: the real signing still counts (the 7-day return window runs from it)
		boolean presumed = order.status() == OrderStatus.DELIVERED && order.deliveredAt() == null;
		if (order.status() != OrderStatus.SHIPPED && !presumed) {
			throw ApiProblem.conflict(order.status() == OrderStatus.DELIVERED ? "ORDER_ALREADY_DELIVERED" : "ORDER_NOT_SHIPPED",
					"Only a shipped order can be delivered (it is " + order.status() + ").");
		}
		Instant now = clock.instant();
		Instant delivered = signedAt == null ? now : signedAt;
		if (delivered.isAfter(now) || delivered.isBefore(order.shippedAt())) {
			throw ApiProblem.invalidField("signedAt", "SIGNED_AT_INVALID", "between the shipment and now");
		}
		deadlines.cancelNotDue(PRESUMED_DELIVERY, orderId);
		Instant confirmBy = delivered.plus(properties.confirmWindow());
		if (presumed && confirmBy.isBefore(order.confirmBy())) {
			confirmBy = order.confirmBy(); // the consumer keeps the date the presumption gave
		}
		repository.update(orderId, OrderStatus.DELIVERED, now, Map.of("delivered_at", delivered, "confirm_by", confirmBy));
		deadlines.schedule(AUTO_CONFIRM, orderId, confirmBy.isBefore(now) ? now : confirmBy);
		repository.event(orderId, now, "DELIVERED", actor(caller), Detail.of("orderDetail.delivered", at(delivered)));
		return viewOf(orderId);
	}

	/**
	 * The consumer takes longer to confirm receipt (延长收货), once: the delivered order completes by itself
	 * {@code fangxin.orders.confirm-extension} (5 days) later. 409 {@code ORDER_NOT_DELIVERED} unless delivered,
	 * {@code CONFIRM_ALREADY_EXTENDED} the second time.
	 */
	@Transactional
	public OrderView extendConfirmation(Caller caller, String orderId) {
		OrderRow order = lockAs(caller, orderId, Party.CONSUMER);
		if (order.status() != OrderStatus.DELIVERED) {
			throw ApiProblem.conflict("ORDER_NOT_DELIVERED", "Only a delivered order's time to confirm can be extended.");
		}
		if (repository.timeline(orderId).stream().anyMatch(e -> "CONFIRM_EXTENDED".equals(e.event()))) {
			throw ApiProblem.conflict("CONFIRM_ALREADY_EXTENDED", "The time to confirm was extended once already.");
		}
		Instant now = clock.instant();
		// from the date it would have completed, or from now when a hold kept it past that date
		Instant from = order.confirmBy().isAfter(now) ? order.confirmBy() : now;
		Instant confirmBy = from.plus(properties.confirmExtension());
		repository.update(orderId, OrderStatus.DELIVERED, now, Map.of("confirm_by", confirmBy));
		deadlines.cancelNotDue(AUTO_CONFIRM, orderId); // one due within the minute fires and finds the later date
		deadlines.schedule(AUTO_CONFIRM, orderId, confirmBy);
		repository.event(orderId, now, "CONFIRM_EXTENDED", "CONSUMER", Detail.of("orderDetail.confirmExtended", at(confirmBy)));
		return viewOf(orderId);
	}

	/** Tracking numbers are letters and digits, the same in either case: kept in capitals, so that a search finds them. */
	private static String tracking(String trackingNumber) {
		return trackingNumber.strip().toUpperCase(java.util.Locale.ROOT);
	}

	/**
	 * No delivery reported within {@code fangxin.orders.delivery-report-window} (15 days) of shipment: the order is taken
	 * as delivered now and its 10 days to confirm start, so that a shop is paid even where no carrier reports, while a
	 * consumer whose parcel never came still has those 10 days to ask for a refund, which holds the order. No signing
	 * date is invented.
	 */
	@Transactional
	void deliveryPresumed(String orderId) {
		Instant now = clock.instant();
		repository.lock(orderId).filter(o -> o.status() == OrderStatus.SHIPPED).ifPresent(order -> {
			Instant due = order.shippedAt().plus(properties.deliveryReportWindow());
			if (now.isBefore(due)) {
				deadlines.schedule(PRESUMED_DELIVERY, orderId, due); // set before the window was made longer
				return;
			}
			// no signing date is recorded (deliveredAt stays empty): a no-reason return counts from the consumer's
			// receipt, or at the latest from the completion; a carrier's later report sets the real date
			Instant confirmBy = now.plus(properties.confirmWindow());
			repository.update(orderId, OrderStatus.DELIVERED, now, Map.of("confirm_by", confirmBy));
			deadlines.schedule(AUTO_CONFIRM, orderId, confirmBy);
			repository.event(orderId, now, "DELIVERY_PRESUMED", "SYSTEM",
					Detail.of("orderDetail.deliveryPresumed", at(confirmBy)));
		});
	}

	/**
	 * The consumer confirms receipt: the escrow goes to the merchant (a pay-after-receipt order is charged now; a
	 * failed charge leaves it CHARGE_FAILED with a debt case for staff). Confirming a completed order again changes
	 * nothing. 409 {@code ORDER_NOT_SHIPPED}, {@code ORDER_CLOSED}.
	 */
	@Transactional
	public OrderView confirmReceipt(Caller caller, String orderId) {
		OrderRow order = lockAs(caller, orderId, Party.CONSUMER);
		switch (order.status()) {
			case SHIPPED, DELIVERED -> {
			}
			case COMPLETED -> {
				return viewOf(orderId);
			}
			case AWAITING_PAYMENT, PAID, AWAITING_SHIPMENT ->
				throw ApiProblem.conflict("ORDER_NOT_SHIPPED", "The order has not shipped yet.");
			case CHARGE_FAILED -> throw ApiProblem.conflict("ORDER_CHARGE_FAILED",
					"Receipt is confirmed; the charge failed. Pay the order to settle it.");
			default -> throw ApiProblem.conflict("ORDER_CLOSED", "The order is " + order.status() + ".");
		}
		if (order.status() == OrderStatus.DELIVERED) {
			deadlines.cancelNotDue(AUTO_CONFIRM, orderId);
		}
		completeOrCharge(order, "CONSUMER");
		return viewOf(orderId);
	}

	private void completeOrCharge(OrderRow order, String actor) {
		if (order.mode() == PaymentMode.ESCROW) {
			complete(order, actor, actor.equals("SYSTEM") ? "AUTO_CONFIRMED" : "RECEIPT_CONFIRMED");
			return;
		}
		Instant now = clock.instant();
		repository.event(order.id(), now, "RECEIPT_CONFIRMED", actor, Detail.of("orderDetail.charging", fen(order.totalFen())));
		if (!payments.takesNewPayments(PaymentProvider.SANDBOX)) {
			// placed while the sandbox took payments, confirmed where it takes none (prod): nothing can charge it, so it
			// is a debt for staff to collect rather than a confirmation that fails on every try
			String reason = "no payment provider can charge pay-after-receipt orders here";
			repository.update(order.id(), OrderStatus.CHARGE_FAILED, now, Map.of());
			repository.openDebt(order.id(), order.totalFen(), reason, now);
			repository.event(order.id(), now, "CHARGE_FAILED", "SYSTEM", Detail.of("orderDetail.noChargeProvider"));
			return;
		}
		PaymentView payment = charge(order, PaymentProvider.SANDBOX);
		if (payment.status() == PaymentStatus.FAILED) {
			repository.update(order.id(), OrderStatus.CHARGE_FAILED, now, Map.of("payment_id", payment.id()));
			repository.openDebt(order.id(), order.totalFen(), payment.failureReason() == null ? "declined"
					: payment.failureReason(), now);
			repository.event(order.id(), now, "CHARGE_FAILED", "SYSTEM", Detail.words(payment.failureReason()));
		}
		// success: onPaymentSucceeded completed it; PENDING (a provider that answers later): it completes then
	}

	/** Releases what escrow holds to the merchant and completes the order (its row is locked). */
	private void complete(OrderRow order, String actor, String event) {
		Instant now = clock.instant();
		long held = held(order.id());
		if (held > 0) {
			ledger.open(AccountKind.MERCHANT_AVAILABLE, order.merchantId());
			ledger.executeOrThrow(Transfer.of("release:" + order.id(), escrowOf(order.id()),
					AccountKind.MERCHANT_AVAILABLE.idFor(order.merchantId()), Money.fen(held), TransferCode.RELEASE)
				.forOrder(order.id()));
		}
		repository.update(order.id(), OrderStatus.COMPLETED, now, Map.of("completed_at", now));
		repository.event(order.id(), now, event, actor, Detail.of("orderDetail.released", fen(held)));
	}

	/**
	 * The consumer cancels before shipment: an unpaid order is closed, a paid one refunded in full. 409
	 * {@code ORDER_ALREADY_SHIPPED} afterwards (then it is an after-sales request).
	 */
	@Transactional
	public OrderView cancel(Caller caller, String orderId) {
		OrderRow order = lockAs(caller, orderId, Party.CONSUMER);
		Instant now = clock.instant();
		switch (order.status()) {
			case AWAITING_PAYMENT, AWAITING_SHIPMENT -> {
				repository.update(orderId, OrderStatus.CANCELLED, now, Map.of("closed_reason", "CANCELLED_BY_CONSUMER"));
				deadlines.cancelNotDue(order.status() == OrderStatus.AWAITING_PAYMENT ? PAYMENT_DUE : SHIP_BY, orderId);
				repository.event(orderId, now, "CANCELLED", "CONSUMER", null);
			}
			case PAID -> {
				refundAll(order, "cancel:" + orderId, "CANCELLED_BY_CONSUMER", "CONSUMER");
				deadlines.cancelNotDue(SHIP_BY, orderId);
			}
			case CANCELLED, REFUNDED -> {
				return viewOf(orderId);
			}
			default -> throw ApiProblem.conflict("ORDER_ALREADY_SHIPPED",
					"The order has shipped; ask for a return or refund instead.");
		}
		return viewOf(orderId);
	}

	private void refundAll(OrderRow order, String refundId, String reason, String actor) {
		Instant now = clock.instant();
		long held = held(order.id());
		if (held > 0) {
			payments.refund(new RefundRequest(refundId, order.paymentId(), Money.fen(held), escrowOf(order.id()),
					TransferCode.REFUND, order.id(), null));
		}
		repository.update(order.id(), OrderStatus.REFUNDED, now, Map.of("closed_reason", reason));
		repository.event(order.id(), now, "REFUNDED", actor,
				Detail.of("orderDetail.refundedAll", fen(held), code("closedReason", reason)));
	}

	// ---------------------------------------------------------------------------------------------------- deadlines

	/** 30 minutes unpaid: cancelled. */
	@Transactional
	void paymentDue(String orderId) {
		repository.lock(orderId).filter(o -> o.status() == OrderStatus.AWAITING_PAYMENT && due(o.payBy())).ifPresent(order -> {
			Instant now = clock.instant();
			repository.update(orderId, OrderStatus.CANCELLED, now, Map.of("closed_reason", "UNPAID"));
			repository.event(orderId, now, "CANCELLED", "SYSTEM",
					Detail.of("orderDetail.notPaid", text(String.valueOf(properties.paymentWindow().toMinutes()))));
		});
	}

	/** Not shipped by ship-by: a paid order is refunded in full, and the merchant gets a late-shipment mark. */
	@Transactional
	void shipByPassed(String orderId) {
		repository.lock(orderId).filter(o -> TO_SHIP.contains(o.status()) && due(o.shipBy())).ifPresent(order -> {
			Instant now = clock.instant();
			if (order.status() == OrderStatus.PAID) {
				refundAll(order, "ship-late:" + orderId, "NOT_SHIPPED_IN_TIME", "SYSTEM");
			}
			else {
				repository.update(orderId, OrderStatus.CANCELLED, now, Map.of("closed_reason", "NOT_SHIPPED_IN_TIME"));
				repository.event(orderId, now, "CANCELLED", "SYSTEM", Detail.of("orderDetail.notShipped", at(order.shipBy())));
			}
			merchants.mark(order.merchantId(), MarkKind.LATE_SHIPMENT, orderId);
			repository.event(orderId, now, "LATE_SHIPMENT_MARKED", "SYSTEM",
					Detail.of("orderDetail.lateShipmentMarked", text(order.merchantId())));
		});
	}

	/** 10 days after delivery: completed and released, unless a case holds the order. */
	@Transactional
	void autoConfirmDue(String orderId) {
		repository.lock(orderId).filter(o -> o.status() == OrderStatus.DELIVERED && due(o.confirmBy())).ifPresent(order -> {
			List<OrderView.Hold> holds = repository.holds(orderId);
			if (!holds.isEmpty()) {
				repository.event(orderId, clock.instant(), "AUTO_CONFIRM_HELD", "SYSTEM", Detail.of("orderDetail.heldBy",
						text(String.join(", ", holds.stream().map(OrderView.Hold::ref).toList()))));
				return;
			}
			completeOrCharge(order, "SYSTEM");
		});
	}

	private boolean due(Instant at) {
		return at != null && !clock.instant().isBefore(at);
	}

	// ---------------------------------------------------------------------------------------------------- address

	/**
	 * Checks a shipping address as checkout does; returns its masked form. 400 {@code VALIDATION_FAILED} with field
	 * errors under {@code shippingAddress}.
	 */
	public String requireValidAddress(OrderRequest.Address address) {
		List<ApiProblem.FieldError> errors = new ArrayList<>();
		addressErrors(address, errors);
		if (!errors.isEmpty()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The address is not complete.", errors);
		}
		return masked(address);
	}

	private static void addressErrors(OrderRequest.Address address, List<ApiProblem.FieldError> errors) {
		if (address == null) {
			errors.add(new ApiProblem.FieldError("shippingAddress", "REQUIRED", "where should it go?"));
			return;
		}
		if (blankOrLonger(address.name(), 50)) {
			errors.add(new ApiProblem.FieldError("shippingAddress.name", "REQUIRED", "the recipient's name, up to 50 characters"));
		}
		if (address.phone() == null || MobileNumber.parse(address.phone()).isEmpty()) {
			errors.add(new ApiProblem.FieldError("shippingAddress.phone", "PHONE_INVALID", "a mainland mobile number"));
		}
		if (blankOrLonger(address.region(), 60)) {
			errors.add(new ApiProblem.FieldError("shippingAddress.region", "REQUIRED", "province, city and district"));
		}
		if (blankOrLonger(address.line(), 200)) {
			errors.add(new ApiProblem.FieldError("shippingAddress.line", "REQUIRED", "street and number, up to 200 characters"));
		}
	}

	private static String masked(OrderRequest.Address address) {
		return Masking.personName(address.name().strip()) + " " + MobileNumber.parse(address.phone()).orElseThrow().masked()
				+ " " + address.region().strip() + " " + Masking.address(address.line().strip());
	}

	/** The blind index of a recipient's mobile number, for staff's search; the number itself stays encrypted. */
	private String phoneIndex(String phone) {
		return cipher.blindIndex(MobileNumber.parse(phone).orElseThrow().digits(), "order.phone");
	}

	/**
	 * Indexes the phones of orders stored before the index existed (V26), a batch at a time; returns how many. Safe on
	 * several instances at once: each writes the same value, and only where there is none. An address that cannot be
	 * read gets {@code -}, which no search matches, so that it is not tried again at every start.
	 */
	@Transactional
	int indexMissingPhones(int batch) {
		List<String[]> rows = repository.withoutPhoneIndex(batch);
		for (String[] row : rows) {
			String index;
			try {
				index = phoneIndex(addressFields(row[1]).get("phone"));
			}
			catch (RuntimeException unreadable) {
				log.warn("order {}: its address cannot be read to index its phone ({})", row[0],
						unreadable.getClass().getSimpleName());
				index = "-";
			}
			repository.setPhoneIndex(row[0], index);
		}
		return rows.size();
	}

	private String encrypted(OrderRequest.Address address) {
		return cipher.encrypt(json.writeValueAsString(Map.of("name", address.name().strip(), "phone",
				MobileNumber.parse(address.phone()).orElseThrow().digits(), "region", address.region().strip(), "line",
				address.line().strip())), ADDRESS_FIELD);
	}

	/**
	 * The shop accepted the consumer's new address (an address change of the after-sales module): it replaces the old
	 * one while the order is not shipped. 409 {@code ORDER_ALREADY_SHIPPED}.
	 */
	@Transactional
	public OrderView changeAddress(String orderId, OrderRequest.Address address, String ref, String actor) {
		String masked = requireValidAddress(address);
		OrderRow order = repository.lock(orderId).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such order."));
		if (order.status() != OrderStatus.PAID && order.status() != OrderStatus.AWAITING_SHIPMENT
				&& order.status() != OrderStatus.AWAITING_PAYMENT) {
			throw ApiProblem.conflict("ORDER_ALREADY_SHIPPED", "The order is " + order.status() + ": too late to change the address.");
		}
		Instant now = clock.instant();
		repository.update(orderId, order.status(), now, Map.of("address_cipher", encrypted(address), "address_masked", masked,
				"phone_index", phoneIndex(address.phone())));
		repository.event(orderId, now, "ADDRESS_CHANGED", actor, Detail.of("orderDetail.addressChanged", text(ref), text(masked)));
		return viewOf(orderId);
	}

	// ---------------------------------------------------------------------------------------------------- holds

	/**
	 * An open after-sales case or complaint holds the order's automatic completion until it is lifted. Placing the
	 * same reference twice changes nothing. For other modules, in their transaction.
	 */
	@Transactional
	public void hold(String orderId, String ref, Detail reason, String actor) {
		if (ref == null || ref.isBlank() || ref.length() > 60) {
			throw ApiProblem.invalidField("ref", "REQUIRED", "the case's reference, up to 60 characters");
		}
		if (reason == null) {
			throw ApiProblem.invalidField("reason", "REQUIRED", "why the order is held");
		}
		if (details.english(reason).length() > 200) {
			throw ApiProblem.invalidField("reason", "LENGTH", "at most 200 characters");
		}
		repository.lock(orderId).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such order."));
		Instant now = clock.instant();
		if (repository.hold(orderId, ref, reason, now)) {
			repository.event(orderId, now, "HOLD_PLACED", actor, Detail.of("detail.refAndWhy", text(ref), nested(reason)));
		}
	}

	/**
	 * Lifts a hold. When no hold is left and a delivered order's 10 days have run out meanwhile, the consumer gets
	 * {@code fangxin.orders.after-hold-window} (3 days) more before it completes by itself.
	 */
	@Transactional
	public void liftHold(String orderId, String ref, String actor) {
		OrderRow order = repository.lock(orderId).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such order."));
		Instant now = clock.instant();
		if (!repository.lift(orderId, ref, now)) {
			return;
		}
		repository.event(orderId, now, "HOLD_LIFTED", actor, Detail.words(ref));
		if (order.status() == OrderStatus.DELIVERED && repository.holds(orderId).isEmpty()) {
			Instant due = order.confirmBy();
			Instant earliest = now.plus(properties.afterHoldWindow());
			if (due.isBefore(earliest)) {
				due = earliest;
				repository.update(orderId, OrderStatus.DELIVERED, now, Map.of("confirm_by", due));
			}
			deadlines.schedule(AUTO_CONFIRM, orderId, due);
		}
	}

	/**
	 * Refunds part or all of what escrow holds for an order (an after-sales agreement, an arbitration decision, staff
	 * correcting a mistake). When escrow is emptied before completion, the order is REFUNDED. 422
	 * {@code REFUND_EXCEEDS_ESCROW} when escrow holds less.
	 */
	@Transactional
	public OrderView refundFromEscrow(String orderId, String refundId, Money amount, String caseRef, String actor,
			Detail reason) {
		OrderRow order = repository.lock(orderId).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such order."));
		if (amount == null || !amount.isPositive()) {
			throw ApiProblem.invalidField("amountFen", "AMOUNT_INVALID", "the amount must be positive");
		}
		if (ledger.transfer("refund:" + refundId).isPresent()) {
			return viewOf(orderId); // made already (a form sent twice): the same refund id again changes nothing
		}
		long held = held(orderId);
		if (order.paymentId() == null || amount.fen() > held) {
			throw ApiProblem.rule("REFUND_EXCEEDS_ESCROW", "Escrow holds " + held + " fen for this order.")
				.with("heldFen", held);
		}
		Instant now = clock.instant();
		payments.refund(new RefundRequest(refundId, order.paymentId(), amount, escrowOf(orderId), TransferCode.REFUND,
				orderId, caseRef));
		// the whole of what escrow held, or a part of it
		repository.event(orderId, now, amount.fen() == held ? "REFUNDED_FROM_ESCROW" : "REFUNDED_PART", actor,
				Detail.of("detail.amountAndWhy", fen(amount.fen()), nested(reason)));
		if (amount.fen() == held && !order.status().closed()) {
			repository.update(orderId, OrderStatus.REFUNDED, now, Map.of("closed_reason", "REFUNDED"));
			repository.event(orderId, now, "REFUNDED", actor, Detail.of("orderDetail.escrowEmptied"));
		}
		return viewOf(orderId);
	}

	/**
	 * Where a refund for an order comes from, in the order the law and the platform's policy want it tried: escrow while
	 * it holds the money; after release, the merchant's available balance; failing both, the platform's compensation
	 * fund pays first and recovers from the merchant's deposit, any shortfall becoming the merchant's receivable.
	 */
	public enum RefundSource {
		ESCROW, MERCHANT_BALANCE, COMPENSATION_FIRST,
		/** Nothing was left of the payment to refund (another path refunded it meanwhile). */
		NOTHING_LEFT
	}

	/**
	 * A refund made.
	 *
	 * @param source where the money came from
	 * @param amountFen how much (at most what was left of the payment)
	 */
	public record Refunded(RefundSource source, long amountFen) {
	}

	/**
	 * Refunds {@code amount} of an order to its consumer through the original payment from the first source that can
	 * pay it now (see {@link RefundSource}); {@code compensateIfNeeded} allows the platform fund. Empty when neither
	 * escrow nor the merchant can pay and compensation was not allowed. For other modules, in their transaction; the
	 * same refund id again changes nothing.
	 */
	@Transactional
	public Optional<Refunded> refund(String orderId, String refundId, Money asked, String caseRef, String actor,
			Detail reason, boolean compensateIfNeeded) {
		OrderRow order = repository.lock(orderId).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such order."));
		if (asked == null || !asked.isPositive() || order.paymentId() == null) {
			throw ApiProblem.rule("REFUND_NOT_POSSIBLE", "This order has no payment to refund.");
		}
		if (ledger.transfer("refund:" + refundId).isPresent()) {
			// made already: the same refund id again changes nothing (a repeat must not book a second recovery)
			return Optional.of(new Refunded(RefundSource.NOTHING_LEFT, 0));
		}
		// capped under the order's lock by what is left of the payment
		long left = refundableFen(orderId);
		if (left <= 0) {
			return Optional.of(new Refunded(RefundSource.NOTHING_LEFT, 0));
		}
		Money amount = Money.fen(Math.min(asked.fen(), left));
		if (held(orderId) >= amount.fen()) {
			refundFromEscrow(orderId, refundId, amount, caseRef, actor, reason);
			return Optional.of(new Refunded(RefundSource.ESCROW, amount.fen()));
		}
		Instant now = clock.instant();
		LedgerAccountId available = AccountKind.MERCHANT_AVAILABLE.idFor(order.merchantId());
		// locked: another order's refund from the same balance waits, so the choice made here still holds when booked
		long merchantHas = ledger.lockedBalance(available).map(Balance::creditBalance).map(Money::fen).orElse(0L);
		if (merchantHas >= amount.fen()) {
			payments.refund(new RefundRequest(refundId, order.paymentId(), amount, available, TransferCode.REFUND, orderId,
					caseRef));
			repository.event(orderId, now, "REFUNDED_BY_MERCHANT", actor,
					Detail.of("detail.amountAndWhy", fen(amount.fen()), nested(reason)));
			return Optional.of(new Refunded(RefundSource.MERCHANT_BALANCE, amount.fen()));
		}
		if (!compensateIfNeeded) {
			return Optional.empty();
		}
		LedgerAccountId fund = AccountKind.COMPENSATION_FUND.idFor(AccountKind.PLATFORM);
		payments.refund(new RefundRequest(refundId, order.paymentId(), amount, fund, TransferCode.COMPENSATION, orderId,
				caseRef));
		recoverFromMerchant(order.merchantId(), orderId, refundId, amount, caseRef, reason);
		return Optional.of(new Refunded(RefundSource.COMPENSATION_FIRST, amount.fen()));
	}

	/**
	 * After the platform paid first: the deposit's share and the shop's receivable for the rest, as one linked chain
	 * (both or neither), and the order's timeline says so.
	 */
	private void recoverFromMerchant(String merchantId, String orderId, String refundId, Money amount, String caseRef,
			Detail reason) {
		LedgerAccountId fund = AccountKind.COMPENSATION_FUND.idFor(AccountKind.PLATFORM);
		LedgerAccountId deposit = AccountKind.MERCHANT_DEPOSIT.idFor(merchantId);
		// locked: a deposit top-up landing between this read and the transfer would leave a receivable while the deposit
		// holds the money (the callers hold the shop's available balance, which keeps available < deposit order)
		long depositHas = ledger.lockedBalance(deposit).map(Balance::creditBalance).map(Money::fen).orElse(0L);
		long fromDeposit = Math.min(depositHas, amount.fen());
		long shortfall = amount.fen() - fromDeposit;
		List<Transfer> recovery = new ArrayList<>();
		if (fromDeposit > 0) {
			recovery.add(Transfer.of("recover:" + refundId, deposit, fund, Money.fen(fromDeposit),
					TransferCode.DEPOSIT_RECOVERY).forOrder(orderId).forCase(caseRef));
		}
		if (shortfall > 0) {
			LedgerAccountId receivable = ledger.open(AccountKind.MERCHANT_RECEIVABLE, merchantId);
			recovery.add(Transfer.of("receivable:" + refundId, receivable, fund, Money.fen(shortfall),
					TransferCode.RECEIVABLE).forOrder(orderId).forCase(caseRef));
		}
		if (recovery.size() == 2) {
			recovery.set(0, recovery.get(0).linkedToNext());
		}
		ledger.executeOrThrow(recovery.toArray(Transfer[]::new));
		repository.event(orderId, clock.instant(), "COMPENSATED_BY_PLATFORM", "SYSTEM", Detail.of(
				"orderDetail.paidFirst", fen(amount.fen()), fen(fromDeposit), fen(shortfall), nested(reason)));
	}

	/**
	 * Pays the order's consumer compensation beyond the refund (an arbitration award, an accepted offer, statutory
	 * compensation): from the merchant's available balance when it holds enough, otherwise the platform's fund pays
	 * first and recovers from the deposit (RULES.md "compensation first from deposit"). Paid through the provider of
	 * the order's payment. The same compensation id again changes nothing. 422 {@code REFUND_NOT_POSSIBLE} for an
	 * order never paid.
	 */
	@Transactional
	public Refunded compensate(String orderId, String compensationId, Money amount, String caseRef, String actor,
			Detail reason) {
		OrderRow order = repository.lock(orderId).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such order."));
		if (amount == null || !amount.isPositive() || order.paymentId() == null) {
			throw ApiProblem.rule("REFUND_NOT_POSSIBLE", "This order has no payment to pay compensation through.");
		}
		if (ledger.transfer("payout:" + compensationId).isPresent()) {
			return new Refunded(RefundSource.NOTHING_LEFT, 0); // paid already
		}
		Instant now = clock.instant();
		LedgerAccountId available = AccountKind.MERCHANT_AVAILABLE.idFor(order.merchantId());
		// locked: another order's refund from the same balance waits, so the choice made here still holds when booked
		long merchantHas = ledger.lockedBalance(available).map(Balance::creditBalance).map(Money::fen).orElse(0L);
		if (merchantHas >= amount.fen()) {
			payments.payOut(new RefundRequest(compensationId, order.paymentId(), amount, available,
					TransferCode.CONSUMER_COMPENSATION, orderId, caseRef));
			repository.event(orderId, now, "COMPENSATION_PAID", actor,
					Detail.of("orderDetail.compensationByShop", fen(amount.fen()), nested(reason)));
			return new Refunded(RefundSource.MERCHANT_BALANCE, amount.fen());
		}
		LedgerAccountId fund = AccountKind.COMPENSATION_FUND.idFor(AccountKind.PLATFORM);
		payments.payOut(new RefundRequest(compensationId, order.paymentId(), amount, fund,
				TransferCode.CONSUMER_COMPENSATION, orderId, caseRef));
		recoverFromMerchant(order.merchantId(), orderId, compensationId, amount, caseRef,
				Detail.of("orderDetail.compensationFor", nested(reason)));
		return new Refunded(RefundSource.COMPENSATION_FIRST, amount.fen());
	}

	/** An order as the system sees it, without an access check: for other modules acting on their own cases. */
	@Transactional(readOnly = true)
	public OrderView view(String orderId) {
		repository.find(orderId).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such order."));
		return viewOf(orderId);
	}

	/** What is left of an order's payments to refund: paid into escrow minus refunded from any source. */
	@Transactional(readOnly = true)
	public long refundableFen(String orderId) {
		String escrow = escrowOf(orderId).value();
		long paid = ledger.transfersOfOrder(orderId)
			.stream()
			.filter(t -> t.code() == TransferCode.PAYMENT && escrow.equals(t.creditAccount()))
			.mapToLong(TransferView::amountFen)
			.sum();
		return paid - refundedFen(orderId);
	}

	/** Locks an order's row for the caller's transaction (other modules checking and acting on an order at once). */
	@Transactional
	public void lock(String orderId) {
		repository.lock(orderId).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such order."));
	}

	/** What an order's consumer has been refunded so far, in fen, from any source. */
	@Transactional(readOnly = true)
	public long refundedFen(String orderId) {
		return ledger.transfersOfOrder(orderId)
			.stream()
			.filter(t -> t.code() == TransferCode.REFUND || t.code() == TransferCode.COMPENSATION)
			.mapToLong(TransferView::amountFen)
			.sum();
	}

	// ---------------------------------------------------------------------------------------------------- reads

	/** An order for its consumer, its merchant and staff; 404 for anyone else. */
	@Transactional(readOnly = true)
	public OrderView get(Caller caller, String orderId) {
		OrderRow order = repository.find(orderId).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such order."));
		if (!caller.isStaff() && !parties(order).contains(caller.id())) {
			throw ApiProblem.notFound(NOT_FOUND, "No such order.");
		}
		return viewOf(orderId);
	}

	/** Whether the shop may read the order's whole address: while it is to ship or on its way. */
	public static boolean labelShownToShop(OrderStatus status) {
		return TO_SHIP.contains(status) || status == OrderStatus.SHIPPED;
	}

	/**
	 * The merchant reads the whole shipping address to ship the order, while it is to ship (or staff, for a dispute);
	 * each read is audited.
	 */
	@Transactional
	public Map<String, String> shippingLabel(Caller caller, String orderId) {
		OrderRow order = repository.find(orderId).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such order."));
		boolean merchant = merchants.accountOf(order.merchantId()).map(caller.id()::equals).orElse(false);
		if (!merchant && !caller.isStaff()) {
			throw ApiProblem.notFound(NOT_FOUND, "No such order.");
		}
		if (merchant && !labelShownToShop(order.status())) {
			throw ApiProblem.conflict("SHIPPING_LABEL_UNAVAILABLE",
					"The address is shown to the shop while the order is to ship or on its way.");
		}
		audit.unmaskedRead(caller, "ORDER", orderId, List.of("shippingAddress"),
				Detail.of(merchant ? "auditPurpose.shipOrder" : "auditPurpose.handleOrder"));
		return addressFields(order.addressCipher());
	}

	/** An address the consumer shipped to before: the order it comes from, and as the order page shows it. */
	public record EarlierAddress(String orderId, String masked) {
	}

	/** How many of a consumer's latest orders {@link #earlierAddresses} looks through. */
	private static final int EARLIER_ORDERS = 30;

	/** How many different addresses {@link #earlierAddresses} offers. */
	private static final int EARLIER_ADDRESSES = 5;

	/**
	 * The different addresses of the consumer's latest orders, newest first, at most five; none for anyone else. For
	 * the checkout, so a returning buyer picks one instead of typing it again: only masked here, the whole address
	 * stays on the server ({@link OrderRequest#shippingAddressFrom}).
	 */
	@Transactional(readOnly = true)
	public List<EarlierAddress> earlierAddresses(Caller caller) {
		if (caller.role() != Role.CONSUMER) {
			return List.of();
		}
		Map<OrderRequest.Address, String> byAddress = new LinkedHashMap<>();
		for (String[] row : repository.latestAddresses(caller.id().value(), EARLIER_ORDERS)) {
			if (byAddress.size() == EARLIER_ADDRESSES) {
				break;
			}
			OrderRequest.Address address = decrypted(row[1]);
			if (!erased(address)) {
				byAddress.putIfAbsent(address, row[0]);
			}
		}
		return byAddress.entrySet().stream().map(e -> new EarlierAddress(e.getValue(), masked(e.getKey()))).toList();
	}

	/** The whole address of one of the consumer's own orders, to ship a new order there; none for anyone else's. */
	private Optional<OrderRequest.Address> earlierAddress(Caller caller, String orderId) {
		return repository.find(orderId)
			.filter(order -> order.consumerId().equals(caller.id().value()))
			.map(order -> decrypted(order.addressCipher()))
			.filter(address -> !erased(address));
	}

	/** Whether an address was erased on its consumer's request (all its fields empty). */
	private static boolean erased(OrderRequest.Address address) {
		return address.phone() == null || address.phone().isEmpty();
	}

	private OrderRequest.Address decrypted(String addressCipher) {
		Map<String, String> a = addressFields(addressCipher);
		return new OrderRequest.Address(a.get("name"), a.get("phone"), a.get("region"), a.get("line"));
	}

	/** The address's fields as {@link #encrypted} wrote them: name, phone (11 digits), region, line. */
	private Map<String, String> addressFields(String addressCipher) {
		@SuppressWarnings("unchecked")
		Map<String, String> fields = json.readValue(cipher.decrypt(addressCipher, ADDRESS_FIELD), Map.class);
		return fields;
	}

	/** How many of the caller's orders (a consumer's own, a shop's) are in these statuses; 0 for anyone else. */
	@Transactional(readOnly = true)
	public long waiting(Caller caller, List<OrderStatus> statuses) {
		return switch (caller.role()) {
			case CONSUMER -> repository.count("consumer_id", caller.id().value(), statuses);
			case MERCHANT -> merchants.merchantOfAccount(caller.id())
				.map(m -> repository.count("merchant_id", m, statuses))
				.orElse(0L);
			default -> 0;
		};
	}

	/**
	 * The caller's orders, newest first: a consumer's own, a merchant's shop's, or for staff all (filtered by
	 * {@code q}: an order, consumer or merchant id, a tracking number, or the recipient's mobile number).
	 */
	@Transactional(readOnly = true)
	public Page list(Caller caller, List<OrderStatus> statuses, String q, String cursor, int limit) {
		int size = Math.max(1, Math.min(limit <= 0 ? 20 : limit, 100));
		OrderRepository.Filter filter = switch (caller.role()) {
			case CONSUMER -> new OrderRepository.Filter(caller.id().value(), null, statuses, null, null);
			case MERCHANT -> new OrderRepository.Filter(null,
					merchants.merchantOfAccount(caller.id()).orElse("-none-"), statuses, null, null);
			case AGENT, ARBITRATOR, ADMIN -> {
				String term = q == null || q.isBlank() ? null : q.strip();
				// a caller on the phone gives their mobile number: matched by its blind index, never stored in clear
				String phone = term == null ? null : MobileNumber.parse(term).map(m -> phoneIndex(m.digits())).orElse(null);
				yield new OrderRepository.Filter(null, null, statuses, term, phone);
			}
			default -> throw ApiProblem.forbidden("Orders are for consumers, merchants and staff.");
		};
		Instant beforeAt = null;
		String beforeId = null;
		if (cursor != null && !cursor.isBlank()) {
			try {
				String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
				beforeAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
				beforeId = parts[2];
				if (beforeAt.isBefore(Instant.EPOCH) || beforeAt.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
					throw new IllegalArgumentException("a cursor's time is a time an order was placed");
				}
			}
			catch (RuntimeException e) {
				throw ApiProblem.invalidField("cursor", "CURSOR_INVALID", "use the nextCursor of the previous page");
			}
		}
		Map<String, String> shops = new LinkedHashMap<>();
		List<OrderSummary> items = repository.list(filter, beforeAt, beforeId, size + 1,
				m -> shops.computeIfAbsent(m, merchants::shopName));
		if (filter.phoneIndex() != null && !items.isEmpty()) {
			// finding a person's orders by their mobile number is a use of it (PIPL): on the access record, per order
			audit.searched(caller, "ORDER", items.stream().limit(size).map(OrderSummary::id).toList(),
					List.of("recipientPhone"), Detail.of("auditPurpose.phoneSearch"));
		}
		String next = null;
		if (items.size() > size) {
			items = items.subList(0, size);
			OrderSummary last = items.get(size - 1);
			next = Base64.getUrlEncoder().withoutPadding()
				.encodeToString((last.createdAt().getEpochSecond() + "|" + last.createdAt().getNano() + "|" + last.id())
					.getBytes(StandardCharsets.UTF_8));
		}
		return new Page(items, next);
	}

	/**
	 * A page of orders.
	 *
	 * @param items the orders
	 * @param nextCursor where the next page starts, or null
	 */
	public record Page(List<OrderSummary> items, String nextCursor) {
	}

	/** Pay-after-receipt orders whose charge failed, for staff. */
	@Transactional(readOnly = true)
	public List<OrderView> openDebts(Caller caller, int limit) {
		caller.requireRole(Role.AGENT, Role.ARBITRATOR, Role.ADMIN);
		return repository.openDebts(Math.max(1, Math.min(limit, 200))).stream().map(this::viewOf).toList();
	}

	/** The accounts party to an order: its consumer and its shop's account. Empty when there is no such order. */
	@Transactional(readOnly = true)
	public Optional<Set<AccountId>> partiesOf(String orderId) {
		return repository.find(orderId).map(this::parties);
	}

	// ---------------------------------------------------------------------------------------------- personal data

	/** An order in its buyer's copy of their personal data: the order as its page shows it, with the whole address. */
	public record PersonalCopy(OrderView order, Map<String, String> shippingAddress) {
	}

	/**
	 * Every order of a consumer with its whole shipping address, for the consumer's own copy (PIPL art. 45). The caller
	 * is the consumer themself: nobody else's orders are read.
	 */
	@Transactional(readOnly = true)
	public List<PersonalCopy> personalCopy(Caller consumer) {
		return repository.ofConsumer(consumer.id().value())
			.stream()
			.map(row -> new PersonalCopy(viewOf(row[0]), addressFields(row[2])))
			.toList();
	}

	/** Every order of a consumer with where it stands, oldest first. */
	@Transactional(readOnly = true)
	public Map<String, OrderStatus> statusesOf(AccountId consumer) {
		Map<String, OrderStatus> statuses = new LinkedHashMap<>();
		repository.ofConsumer(consumer.value()).forEach(row -> statuses.put(row[0], OrderStatus.valueOf(row[1])));
		return statuses;
	}

	/**
	 * Erases the shipping addresses of a consumer's orders (erasure on request, RULES.md: personal data pseudonymised,
	 * records kept): the name, phone, region and street are gone; the order, its items, money, timeline and snapshot
	 * (which never held the address) stay. Only orders that are over lose it.
	 */
	@Transactional
	public int eraseAddresses(AccountId consumer) {
		String erased = cipher.encrypt(json.writeValueAsString(Map.of("name", "", "phone", "", "region", "", "line", "")),
				ADDRESS_FIELD);
		return repository.eraseAddresses(consumer.value(), erased, ERASED_ADDRESS);
	}

	/** What an erased order shows for its address. */
	public static final String ERASED_ADDRESS = "***";

	/** Fen held in escrow for the merchant's paid, unfinished orders. */
	@Transactional(readOnly = true)
	public long inEscrowFen(String merchantId) {
		return repository.escrowedOrders(merchantId).stream().mapToLong(this::held).sum();
	}

	private Set<AccountId> parties(OrderRow order) {
		Set<AccountId> parties = new HashSet<>();
		parties.add(new AccountId(order.consumerId()));
		merchants.accountOf(order.merchantId()).ifPresent(parties::add);
		return parties;
	}

	private long held(String orderId) {
		return ledger.balance(escrowOf(orderId)).map(Balance::creditBalance).map(Money::fen).orElse(0L);
	}

	private OrderView viewOf(String orderId) {
		OrderRow o = repository.find(orderId).orElseThrow();
		long paid = 0;
		long released = 0;
		long refunded = 0;
		long refundedAfter = 0;
		long compensation = 0;
		String escrow = escrowOf(orderId).value();
		for (TransferView t : ledger.transfersOfOrder(orderId)) {
			if (escrow.equals(t.creditAccount()) && t.code() == TransferCode.PAYMENT) {
				paid += t.amountFen();
			}
			else if (escrow.equals(t.debitAccount()) && t.code() == TransferCode.RELEASE) {
				released += t.amountFen();
			}
			else if (escrow.equals(t.debitAccount())) {
				refunded += t.amountFen();
			}
			else if (t.id().startsWith("refund:")) {
				// from the shop's balance (REFUND) or paid first from the compensation fund (COMPENSATION)
				refundedAfter += t.amountFen();
			}
			else if (t.id().startsWith("payout:") && t.code() == TransferCode.CONSUMER_COMPENSATION) {
				compensation += t.amountFen();
			}
		}
		// the deadlines that matter in the order's state (a deadline left behind by a state change fires as a no-op)
		List<OrderView.DeadlineView> pending = new ArrayList<>();
		switch (o.status()) {
			case AWAITING_PAYMENT -> pending.add(new OrderView.DeadlineView(PAYMENT_DUE, o.payBy()));
			case PAID, AWAITING_SHIPMENT -> pending.add(new OrderView.DeadlineView(SHIP_BY, o.shipBy()));
			case SHIPPED -> pending.add(new OrderView.DeadlineView(PRESUMED_DELIVERY,
					o.shippedAt().plus(properties.deliveryReportWindow())));
			case DELIVERED -> pending.add(new OrderView.DeadlineView(AUTO_CONFIRM, o.confirmBy()));
			default -> {
			}
		}
		List<OrderView.Hold> holds = repository.holds(orderId);
		return new OrderView(o.id(), o.status(), o.merchantId(), merchants.shopName(o.merchantId()), o.consumerId(),
				repository.items(orderId), o.totalFen(), o.mode(),
				new OrderView.Escrow(paid, paid - released - refunded, released, refunded, refundedAfter, compensation),
				o.status() == OrderStatus.AWAITING_PAYMENT ? o.payBy() : null, o.shipBy(), o.shippedAt(), o.carrier(),
				o.trackingNumber(), o.deliveredAt(), o.confirmBy(), o.completedAt(), o.closedReason(),
				o.snapshotEvidenceId(), o.addressMasked(), pending, holds,
				o.mode() == PaymentMode.PAY_AFTER_RECEIPT ? repository.debt(orderId).orElse(null) : null,
				aliases.shown(repository.timeline(orderId), OrderView.Event::actor,
						(e, actor) -> new OrderView.Event(e.at(), e.event(), actor, e.detail(), e.data())),
				o.createdAt());
	}

	private enum Party {
		CONSUMER, MERCHANT
	}

	/** Locks the order for the party who may act on it; 404 for anyone else. */
	private OrderRow lockAs(Caller caller, String orderId, Party party) {
		OrderRow order = repository.lock(orderId).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such order."));
		boolean allowed = party == Party.CONSUMER ? caller.id().value().equals(order.consumerId())
				: merchants.accountOf(order.merchantId()).map(caller.id()::equals).orElse(false);
		if (!allowed) {
			if (caller.isStaff() || parties(order).contains(caller.id())) {
				throw ApiProblem.forbidden("Only the order's " + party.name().toLowerCase() + " may do this.");
			}
			throw ApiProblem.notFound(NOT_FOUND, "No such order.");
		}
		return order;
	}

	private static String actor(Caller caller) {
		return caller.isStaff() ? "STAFF:" + caller.username() : caller.role().name();
	}

	/** For staff actions: the label of the acting caller. */
	public static String actorOf(Caller caller) {
		return actor(caller);
	}
}
