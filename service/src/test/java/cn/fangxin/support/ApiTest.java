package cn.fangxin.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A test of the running service through its HTTP API: the shared {@link FangxinTest} context and an {@link Api}. */
@FangxinTest
public abstract class ApiTest {

	@LocalServerPort
	protected int port;

	protected Api api;

	@BeforeEach
	protected final void connect() {
		api = new Api(port);
	}
}
