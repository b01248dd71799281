package cn.fangxin.order.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.fangxin.order.OrderStatus;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Purchases;

/**
 * A second lock of an order in one transaction answers the row that transaction holds without selecting it again; it
 * must still answer the row as it is: after the transaction changed it, and in a transaction that did not lock it.
 */
@Tag("persistence")
class OrderLockTests extends ApiTest {

	@Autowired
	OrderRepository repository;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	@DisplayName("a lock answers the order as it is: after the transaction's own change, and after another transaction's")
	void lockAnswersTheRowAsItIs() {
		var purchases = new Purchases(api);
		var world = purchases.world();
		String id = purchases.place(world, 1, "ESCROW").path("id").asString();
		String another = purchases.place(world, 1, "ESCROW").path("id").asString();
		var outer = new TransactionTemplate(transactionManager);
		var separate = new TransactionTemplate(transactionManager);
		separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

		outer.executeWithoutResult(tx -> {
			assertThat(repository.lock(id).orElseThrow().status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
			repository.update(id, OrderStatus.CANCELLED, Instant.now(), Map.of());
			assertThat(repository.lock(id).orElseThrow().status()).as("after this transaction's change")
				.isEqualTo(OrderStatus.CANCELLED);
			tx.setRollbackOnly();
		});

		outer.executeWithoutResult(tx -> {
			assertThat(repository.lock(another)).isPresent(); // this transaction holds rows of its own
			// a transaction inside this one locks the order and commits; a third changes it afterwards
			separate.executeWithoutResult(inner -> assertThat(repository.lock(id).orElseThrow().status())
				.isEqualTo(OrderStatus.AWAITING_PAYMENT));
			// (another request: another thread, as on another instance)
			java.util.concurrent.CompletableFuture.runAsync(() -> separate.executeWithoutResult(
					other -> repository.update(id, OrderStatus.CANCELLED, Instant.now(), Map.of()))).join();
			assertThat(repository.lock(id).orElseThrow().status())
				.as("this transaction never held it: it reads the row as the other left it")
				.isEqualTo(OrderStatus.CANCELLED);
		});
	}

	@Test
	@DisplayName("after a change, a lock answers the same row as reading it again")
	void changedRowIsTheStoredRow() {
		var purchases = new Purchases(api);
		var world = purchases.world();
		String id = purchases.place(world, 1, "ESCROW").path("id").asString();
		Instant now = Instant.parse("2026-12-01T04:00:00.123456Z");
		var tx = new TransactionTemplate(transactionManager);
		tx.executeWithoutResult(status -> {
			repository.lock(id).orElseThrow();
			repository.update(id, OrderStatus.PAID, now, Map.of("payment_id", "pay-x", "ship_by", now.plusSeconds(3600)));
			assertThat(repository.lock(id).orElseThrow()).as("the columns a payment changes")
				.isEqualTo(repository.find(id).orElseThrow());
			repository.update(id, OrderStatus.SHIPPED, now, Map.of("carrier", "SF", "tracking_number", "SF1",
					"shipped_at", now.plusNanos(1), "confirm_by", now.plusSeconds(7200)));
			assertThat(repository.lock(id).orElseThrow()).as("an instant finer than the database keeps")
				.isEqualTo(repository.find(id).orElseThrow());
			repository.update(id, OrderStatus.SHIPPED, now, Map.of("address_masked", "*"));
			assertThat(repository.lock(id).orElseThrow()).as("a column the change does not know")
				.isEqualTo(repository.find(id).orElseThrow());
			status.setRollbackOnly();
		});
	}
}
