package cn.fangxin.platform.internal;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import cn.fangxin.platform.AdjustableClock;
import cn.fangxin.platform.FangxinProperties;
import cn.fangxin.platform.KeyMaterial;
import cn.fangxin.platform.PersonalDataCipher;

@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

	/** The application clock: every module injects {@link Clock}; only the test clock endpoints move it. */
	@Bean
	@Primary
	AdjustableClock applicationClock(FangxinProperties properties) {
		var clock = properties.clock();
		if (clock.adjustable() && clock.frozenAt() != null) {
			return new AdjustableClock(Clock.systemUTC(), AdjustableClock.State.frozenAt(clock.frozenAt()));
		}
		return AdjustableClock.system();
	}

	@Bean
	PersonalDataCipher personalDataCipher(FangxinProperties properties) {
		var security = properties.security();
		return new PersonalDataCipher(
				KeyMaterial.tinkKeyset(security.dataKeyset(), properties, "personal-data-aead.json", "AES256_GCM"),
				KeyMaterial.tinkKeyset(security.indexKeyset(), properties, "personal-data-index.json", "HMAC_SHA256_PRF"));
	}
}
