package cn.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.Identities;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class IdentityNumberTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

	@Test
	@DisplayName("the resident ID example of RULES.md is valid, and any other check character is not")
	void residentIdExample() {
		assertThat(ResidentIdNumber.parse("11010519491231002X", TODAY)).isPresent();
		assertThat(ResidentIdNumber.parse("11010519491231002x", TODAY)).as("lower-case x").isPresent();
		for (char c : "0123456789".toCharArray()) {
			assertThat(ResidentIdNumber.parse("11010519491231002" + c, TODAY)).isEmpty();
		}
	}

	@Test
	@DisplayName("a resident ID with an impossible or future birth date or an unknown region is invalid")
	void residentIdDates() {
		String feb30 = "11010519490230001";
		assertThat(ResidentIdNumber.parse(feb30 + Identities.idCheck(feb30), TODAY)).isEmpty();
		String future = "11010520301231001";
		assertThat(ResidentIdNumber.parse(future + Identities.idCheck(future), TODAY)).isEmpty();
		String region99 = "99010519491231002";
		assertThat(ResidentIdNumber.parse(region99 + Identities.idCheck(region99), TODAY)).isEmpty();
		assertThat(ResidentIdNumber.parse("1101051949123100", TODAY)).as("17 characters").isEmpty();
		assertThat(ResidentIdNumber.parse(null, TODAY)).isEmpty();
	}

	@Test
	@DisplayName("the credit code example of RULES.md is valid; letters outside the alphabet are not")
	void creditCodeExample() {
		assertThat(CreditCode.parse("91350100M000100Y43")).map(CreditCode::provinceCode).contains("35");
		assertThat(CreditCode.parse("91350100M000100Y44")).isEmpty();
		for (char banned : "IOZSV".toCharArray()) {
			String body = "91350100M00010" + banned + "Y4";
			assertThat(CreditCode.parse(body + "0")).isEmpty();
		}
		assertThat(CreditCode.parse("91350100M000100Y4")).isEmpty();
	}

	@Property(tries = 200)
	void everyGeneratedIdentityVerifies(@ForAll @IntRange(min = 0, max = 9) int flip) {
		String id = Identities.residentId();
		assertThat(ResidentIdNumber.parse(id, TODAY)).isPresent();
		String code = Identities.creditCode();
		assertThat(CreditCode.parse(code)).isPresent();
		char wrong = (char) ('0' + flip);
		if (wrong != id.charAt(17)) {
			assertThat(ResidentIdNumber.parse(id.substring(0, 17) + wrong, TODAY)).isEmpty();
		}
		if (wrong != code.charAt(17)) {
			assertThat(CreditCode.parse(code.substring(0, 17) + wrong)).isEmpty();
		}
	}

	@Test
	@DisplayName("regions come from the division code: Beijing for 11, Guangdong for 44")
	void regions() {
		assertThat(Regions.province("11")).contains("北京");
		assertThat(Regions.provinceEnglish("44")).contains("Guangdong");
		assertThat(Regions.province("99")).isEmpty();
	}
}
