package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.PrfConfig;

class PersonalDataTests {

	private final PersonalDataCipher cipher = cipher();

	static PersonalDataCipher cipher() {
		try {
			AeadConfig.register();
			PrfConfig.register();
			return new PersonalDataCipher(KeysetHandle.generateNew(KeyTemplates.get("AES256_GCM")),
					KeysetHandle.generateNew(KeyTemplates.get("HMAC_SHA256_PRF")));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	@DisplayName("a phone number is stored as ciphertext that only opens for its own field")
	void encryptsBoundToField() {
		String sealed = cipher.encrypt("13812345678", "account.phone");
		assertThat(sealed).doesNotContain("13812345678").doesNotContain("5678");
		assertThat(cipher.encrypt("13812345678", "account.phone")).as("randomised").isNotEqualTo(sealed);
		assertThat(cipher.decrypt(sealed, "account.phone")).isEqualTo("13812345678");
		assertThatThrownBy(() -> cipher.decrypt(sealed, "merchant.idNumber")).isInstanceOf(IllegalStateException.class);
	}

	@Test
	@DisplayName("a blind index is equal for equal values and differs across domains")
	void blindIndex() {
		String a = cipher.blindIndex("11010519491231002X", "id");
		assertThat(cipher.blindIndex("11010519491231002X", "id")).isEqualTo(a);
		assertThat(cipher.blindIndex("11010519491231002X", "phone")).isNotEqualTo(a);
		assertThat(a).hasSize(64).doesNotContain("1101");
	}

	@Test
	@DisplayName("personal data is masked for those who may not see it in full")
	void masking() {
		assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
		assertThat(Masking.phone("+8613812345678")).isEqualTo("+86138****5678");
		assertThat(Masking.identityNumber("11010519491231002X")).isEqualTo("110***********002X");
	}

	@Test
	@DisplayName("mainland mobile numbers: 11 digits from 13 to 19, +86 allowed")
	void mobileNumbers() {
		assertThat(MobileNumber.parse("+86 138-1234-5678")).map(MobileNumber::digits).contains("13812345678");
		assertThat(MobileNumber.parse("19912345678")).isPresent();
		assertThat(MobileNumber.parse("12812345678")).isEmpty();
		assertThat(MobileNumber.parse("1381234567")).isEmpty();
		assertThat(MobileNumber.parse("0211234567")).isEmpty();
		assertThat(MobileNumber.parse(null)).isEmpty();
	}
}
