package cn.fangxin.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cn.fangxin.platform.ApiProblem;

class AccessTests {

	private final Caller buyer = caller("acc_buyer", Role.CONSUMER);
	private final Caller seller = caller("acc_seller", Role.MERCHANT);
	private final Caller stranger = caller("acc_stranger", Role.CONSUMER);
	private final Caller agent = caller("acc_agent", Role.AGENT);
	private final Caller regulator = caller("acc_reg", Role.REGULATOR);

	@Test
	@DisplayName("the owner, the counterparty and staff see an object; anyone else is told it does not exist")
	void partiesOrStaff() {
		Access access = Access.partiesOrStaff("ORDER_NOT_FOUND", buyer.id(), seller.id());
		access.check(buyer);
		access.check(seller);
		access.check(agent);
		assertThatThrownBy(() -> access.check(stranger)).isInstanceOfSatisfying(ApiProblem.class, p -> {
			assertThat(p.status().value()).isEqualTo(404);
			assertThat(p.code()).isEqualTo("ORDER_NOT_FOUND");
		});
		assertThat(access.allows(regulator)).isFalse();
		assertThat(access.orRoles(Role.REGULATOR).allows(regulator)).isTrue();
	}

	@Test
	@DisplayName("a party-only action is not open to staff")
	void partiesOnly() {
		Access access = Access.partiesOnly("ORDER_NOT_FOUND", buyer.id(), null);
		access.check(buyer);
		assertThat(access.allows(agent)).isFalse();
		assertThat(access.allows(seller)).isFalse();
	}

	@Test
	@DisplayName("a role check answers 403")
	void roles() {
		assertThat(agent.requireRole(Role.AGENT, Role.ADMIN)).isSameAs(agent);
		assertThatThrownBy(() -> buyer.requireRole(Role.ADMIN))
			.isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status().value()).isEqualTo(403));
	}

	private static Caller caller(String id, Role role) {
		return new Caller(new AccountId(id), id, role);
	}
}
