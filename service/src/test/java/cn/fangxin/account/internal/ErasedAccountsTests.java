package cn.fangxin.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.fangxin.platform.SqlTime;
import cn.fangxin.support.ApiTest;

/** Another instance's erasure reaches this one: its tokens stop once this instance reads the erased accounts. */
@Tag("persistence")
class ErasedAccountsTests extends ApiTest {

	@Autowired
	ErasedAccounts erased;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	@DisplayName("an account erased by another instance: its token works until this instance refreshes, then 401")
	void erasureOnAnotherInstance() {
		var buyer = api.signUp("CONSUMER");
		assertThat(api.get("/api/v1/me").as(buyer.token()).send().status()).isEqualTo(200);
		// what another instance's erasure leaves in the database (this instance was not told)
		jdbc.sql("update account set enabled = false, erased_at = :at where id = :id")
			.param("at", SqlTime.of(clock.instant().minus(Duration.ofMinutes(1))))
			.param("id", buyer.id())
			.update();
		assertThat(api.get("/api/v1/me").as(buyer.token()).send().status()).isEqualTo(200);
		erased.refresh();
		var refused = api.get("/api/v1/me").as(buyer.token()).send();
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.code()).isEqualTo("TOKEN_INVALID");
	}
}
