package cn.fangxin.aftersales;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.Caller;
import cn.fangxin.account.Role;
import cn.fangxin.aftersales.internal.RequestRepository;
import cn.fangxin.merchant.Merchants;
import cn.fangxin.order.OrderRequest;
import cn.fangxin.order.OrderStatus;
import cn.fangxin.order.OrderView;
import cn.fangxin.order.Orders;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Deadlines;
import cn.fangxin.platform.Ids;
import cn.fangxin.platform.PersonalDataCipher;
import tools.jackson.databind.ObjectMapper;

/**
 * Address changes before shipment (the seeds' parcel sent to an old address): the consumer asks; the shop accepts (the
 * order's address is replaced, on the record) or declines with a reason within 24 h; silence sends the request to
 * platform customer service, who decide in the shop's place. The new address is encrypted at rest and masked in views.
 */
@Service
public class AddressChanges {

	public static final String DUE = "ADDRESS_CHANGE_DUE";
	static final String NOT_FOUND = "ADDRESS_CHANGE_NOT_FOUND";
	private static final String FIELD = "addressChange";
	private static final Duration WINDOW = Duration.ofHours(24);

	private final RequestRepository repository;
	private final Orders orders;
	private final Merchants merchants;
	private final Deadlines deadlines;
	private final PersonalDataCipher cipher;
	private final ObjectMapper json;
	private final Clock clock;

	AddressChanges(RequestRepository repository, Orders orders, Merchants merchants, Deadlines deadlines,
			PersonalDataCipher cipher, ObjectMapper json, Clock clock) {
		this.repository = repository;
		this.orders = orders;
		this.merchants = merchants;
		this.deadlines = deadlines;
		this.cipher = cipher;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * The consumer asks to send the order elsewhere. 400 {@code VALIDATION_FAILED}; 409 {@code ORDER_ALREADY_SHIPPED},
	 * {@code ADDRESS_CHANGE_OPEN}.
	 */
	@Transactional
	public AddressChangeView request(Caller caller, String orderId, OrderRequest.Address address) {
		OrderView order = orders.get(caller, orderId);
		if (!caller.id().value().equals(order.consumerId())) {
			throw ApiProblem.forbidden("Only the order's consumer changes its address.");
		}
		String masked = orders.requireValidAddress(address);
		if (order.status() != OrderStatus.PAID && order.status() != OrderStatus.AWAITING_SHIPMENT
				&& order.status() != OrderStatus.AWAITING_PAYMENT) {
			throw ApiProblem.conflict("ORDER_ALREADY_SHIPPED", "The order is " + order.status() + ": too late to change the address.");
		}
		orders.lock(orderId); // one open change per order
		boolean open = repository.addressChangesWhere("order_id", orderId, 20)
			.stream()
			.anyMatch(c -> "REQUESTED".equals(c.view().status()) || "ESCALATED".equals(c.view().status()));
		if (open) {
			throw ApiProblem.conflict("ADDRESS_CHANGE_OPEN", "An address change for this order is waiting for an answer.");
		}
		Instant now = clock.instant();
		AddressChangeView v = new AddressChangeView(Ids.next("adr"), orderId, order.merchantId(), masked, "REQUESTED",
				now.plus(WINDOW), null, null, now);
		String plain = json.writeValueAsString(Map.of("name", address.name().strip(), "phone",
				cn.fangxin.platform.MobileNumber.parse(address.phone()).orElseThrow().digits(),
				"region", address.region().strip(), "line", address.line().strip()));
		repository.insertAddressChange(v, caller.id().value(), cipher.encrypt(plain, FIELD));
		deadlines.schedule(DUE, v.id(), v.respondBy());
		return v;
	}

	/**
	 * The shop (or, once escalated, customer service) accepts or declines. 409 {@code ADDRESS_CHANGE_CLOSED},
	 * {@code ORDER_ALREADY_SHIPPED}.
	 */
	@Transactional(noRollbackFor = OrderLeft.class)
	public AddressChangeView decide(Caller caller, String id, String decision, String reason) {
		RequestRepository.AddressChange row = repository.addressChange(id, true)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such address change."));
		boolean merchant = isMerchant(caller, row);
		boolean staff = caller.isStaff() && "ESCALATED".equals(row.view().status());
		if (!merchant && !staff) {
			if (caller.isStaff() || caller.id().value().equals(row.consumerId())) {
				throw ApiProblem.forbidden("The shop decides; customer service once the shop let 24 hours pass.");
			}
			throw ApiProblem.notFound(NOT_FOUND, "No such address change.");
		}
		if (!"REQUESTED".equals(row.view().status()) && !"ESCALATED".equals(row.view().status())) {
			throw ApiProblem.conflict("ADDRESS_CHANGE_CLOSED", "This request is " + row.view().status() + ".");
		}
		String by = merchant ? "MERCHANT" : Orders.actorOf(caller);
		Instant now = clock.instant();
		if (!changeable(orders.view(row.view().orderId()))) {
			repository.updateAddressChange(id, "EXPIRED", null, "SYSTEM", now);
			deadlines.cancelNotDue(DUE, id);
			throw new OrderLeft(); // and the request stays EXPIRED: it leaves the shop's and the staff's queues
		}
		if ("ACCEPT".equals(decision)) {
			OrderRequest.Address address = json.readValue(cipher.decrypt(row.addressCipher(), FIELD),
					OrderRequest.Address.class);
			orders.changeAddress(row.view().orderId(), address, id, by);
			repository.updateAddressChange(id, "ACCEPTED", null, by, now);
		}
		else if ("DECLINE".equals(decision)) {
			String why = reason == null ? "" : reason.strip();
			if (why.isEmpty() || why.length() > 500) {
				throw ApiProblem.invalidField("reason", "REQUIRED", "why, up to 500 characters");
			}
			repository.updateAddressChange(id, "DECLINED", why, by, now);
		}
		else {
			throw ApiProblem.invalidField("decision", "DECISION_INVALID", "ACCEPT or DECLINE");
		}
		deadlines.cancelNotDue(DUE, id);
		return repository.addressChange(id, false).orElseThrow().view();
	}

	/** An address change in its consumer's copy of their data: the request and the whole address asked for. */
	public record PersonalCopy(AddressChangeView change, java.util.Map<String, Object> address) {
	}

	/** Every address change and invoice request of a consumer, with the personal data in them, unmasked. */
	public record ConsumerRequests(List<PersonalCopy> addressChanges, List<InvoiceView> invoices) {
	}

	@Transactional(readOnly = true)
	public ConsumerRequests personalCopy(cn.fangxin.account.AccountId consumer) {
		List<PersonalCopy> changes = repository.addressChangesWhere("consumer_id", consumer.value(), Integer.MAX_VALUE)
			.stream()
			.map(row -> new PersonalCopy(row.view(), json.readValue(cipher.decrypt(row.addressCipher(), FIELD),
					new tools.jackson.core.type.TypeReference<java.util.Map<String, Object>>() {
					})))
			.toList();
		List<InvoiceView> invoices = repository.invoicesWhere("consumer_id", consumer.value(), Integer.MAX_VALUE)
			.stream()
			.map(RequestRepository.Invoice::view)
			.toList();
		return new ConsumerRequests(changes, invoices);
	}

	/**
	 * Erases the personal data in a consumer's address changes and invoice requests (erasure on request): the new
	 * address, the invoice's title and taxpayer id. The requests stay, with what was decided.
	 */
	@Transactional
	public int erasePersonalData(cn.fangxin.account.AccountId consumer) {
		return repository.erasePersonalData(consumer.value(),
				cipher.encrypt(json.writeValueAsString(java.util.Map.of("name", "", "phone", "", "region", "", "line", "")),
						FIELD),
				Orders.ERASED_ADDRESS);
	}

	/** 409 {@code ORDER_ALREADY_SHIPPED} after which the transaction commits: the request was marked EXPIRED. */
	static final class OrderLeft extends ApiProblem {

		OrderLeft() {
			super(org.springframework.http.HttpStatus.CONFLICT, "ORDER_ALREADY_SHIPPED",
					"The order has left: the address can no longer change.");
		}
	}

	/** The shop let 24 hours pass: platform customer service takes the request. */
	@Transactional
	public void due(String id) {
		RequestRepository.AddressChange row = repository.addressChange(id, true).orElse(null);
		if (row == null || !"REQUESTED".equals(row.view().status()) || clock.instant().isBefore(row.view().respondBy())) {
			return;
		}
		if (!changeable(orders.view(row.view().orderId()))) {
			// shipped (or closed) meanwhile: nothing left for customer service to decide; the record stays
			repository.updateAddressChange(id, "EXPIRED", null, "SYSTEM", clock.instant());
			return;
		}
		repository.updateAddressChange(id, "ESCALATED", null, null, clock.instant());
	}

	private static boolean changeable(OrderView order) {
		return order.status() == OrderStatus.PAID || order.status() == OrderStatus.AWAITING_SHIPMENT
				|| order.status() == OrderStatus.AWAITING_PAYMENT;
	}

	@Transactional(readOnly = true)
	public AddressChangeView get(Caller caller, String id) {
		RequestRepository.AddressChange row = repository.addressChange(id, false)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such address change."));
		if (!caller.isStaff() && !caller.id().value().equals(row.consumerId()) && !isMerchant(caller, row)) {
			throw ApiProblem.notFound(NOT_FOUND, "No such address change.");
		}
		return row.view();
	}

	/** A consumer's requests, a shop's, the staff's queue (escalated), or those of an order. */
	@Transactional(readOnly = true)
	public List<AddressChangeView> list(Caller caller, String orderId) {
		List<RequestRepository.AddressChange> rows;
		if (orderId != null) {
			orders.get(caller, orderId);
			rows = repository.addressChangesWhere("order_id", orderId, 100);
		}
		else if (caller.isStaff()) {
			rows = repository.addressChangesWhere("status", "ESCALATED", 100);
		}
		else if (caller.role() == Role.MERCHANT) {
			rows = merchants.merchantOfAccount(caller.id())
				.map(m -> repository.addressChangesWhere("merchant_id", m, 100))
				.orElse(List.of());
		}
		else {
			rows = repository.addressChangesWhere("consumer_id", caller.id().value(), 100);
		}
		return rows.stream().map(RequestRepository.AddressChange::view).toList();
	}

	private boolean isMerchant(Caller caller, RequestRepository.AddressChange row) {
		return caller.role() == Role.MERCHANT
				&& merchants.accountOf(row.view().merchantId()).map(caller.id()::equals).orElse(false);
	}
}
