package cn.fangxin.merchant.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;

import cn.fangxin.merchant.Category;
import cn.fangxin.merchant.CreditCode;
import cn.fangxin.merchant.MerchantApplication;
import cn.fangxin.merchant.MerchantKind;
import cn.fangxin.merchant.ResidentIdNumber;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.ApiProblem.FieldError;
import cn.fangxin.platform.MobileNumber;

/**
 * What a registration must contain (E-Commerce Law arts. 10, 15, 27; RULES.md "Identity numbers"). Identity numbers
 * with a bad check character or impossible birth date answer 400 {@code ID_NUMBER_INVALID} or
 * {@code CREDIT_CODE_INVALID}, phones {@code PHONE_INVALID}; other missing or malformed fields {@code VALIDATION_FAILED}
 * with one error per field.
 */
public final class RegistrationRules {

	private RegistrationRules() {
	}

	/** A registration that passed every rule, identity numbers normalised. */
	public record Valid(MerchantKind kind, String shopName, String legalName, String idNumber, String creditCode,
			String legalRepresentative, String address, String phone, String licenseNumber, boolean registrationExempt,
			List<String> categories, boolean crossBorder, String regionCode) {

		/** The identity number the registry indexes: the resident ID or the credit code. */
		public String identityNumber() {
			return kind == MerchantKind.INDIVIDUAL ? idNumber : creditCode;
		}
	}

	public static Valid check(MerchantApplication a, LocalDate today) {
		return check(a, today, false);
	}

	/**
	 * {@link #check(MerchantApplication, LocalDate)}; a new application of an individual also needs their separate
	 * consent to the processing of their ID number (PIPL art. 29), {@code identityConsent}.
	 */
	public static Valid check(MerchantApplication a, LocalDate today, boolean newApplication) {
		List<FieldError> errors = new ArrayList<>();
		if (newApplication && "INDIVIDUAL".equals(a.kind()) && !Boolean.TRUE.equals(a.identityConsent())) {
			errors.add(new FieldError("identityConsent", "CONSENT_REQUIRED",
					"an individual seller consents separately to the processing of their resident ID number"));
		}
		MerchantKind kind = null;
		try {
			kind = a.kind() == null ? null : MerchantKind.valueOf(a.kind());
		}
		catch (IllegalArgumentException e) {
			kind = null;
		}
		if (kind == null) {
			errors.add(new FieldError("kind", "REQUIRED", "INDIVIDUAL or ENTERPRISE"));
		}
		String shopName = text(a.shopName());
		if (shopName == null || shopName.length() < 2 || shopName.length() > 50) {
			errors.add(new FieldError("shopName", "LENGTH", "2 to 50 characters"));
		}
		String legalName = text(a.legalName());
		if (legalName == null || legalName.length() > 100) {
			errors.add(new FieldError("legalName", "REQUIRED", "the full legal name, at most 100 characters"));
		}
		String address = text(a.address());
		if (address == null || address.length() < 5 || address.length() > 200) {
			errors.add(new FieldError("address", "REQUIRED", "the street address, 5 to 200 characters"));
		}
		List<String> categories = new ArrayList<>(new LinkedHashSet<>(a.categories() == null ? List.of() : a.categories()));
		if (categories.isEmpty()) {
			errors.add(new FieldError("categories", "REQUIRED", "at least one of " + Category.codes()));
		}
		List<String> codes = new ArrayList<>();
		for (String c : categories) {
			Optional<Category> category = Category.parse(c);
			if (category.isEmpty()) {
				errors.add(new FieldError("categories", "INVALID", "unknown category " + c + "; one of " + Category.codes()));
			}
			else {
				codes.add(category.get().code());
			}
		}
		boolean exempt = Boolean.TRUE.equals(a.registrationExempt());
		String license = text(a.licenseNumber());
		String legalRep = text(a.legalRepresentative());
		if (kind == MerchantKind.ENTERPRISE && legalRep == null) {
			errors.add(new FieldError("legalRepresentative", "REQUIRED", "an enterprise names its legal representative"));
		}
		if (legalRep != null && legalRep.length() > 100) {
			errors.add(new FieldError("legalRepresentative", "LENGTH", "at most 100 characters"));
		}
		if (kind == MerchantKind.INDIVIDUAL && !exempt && license == null) {
			errors.add(new FieldError("licenseNumber", "REQUIRED",
					"a business licence number, unless the shop is exempt from registration (E-Commerce Law art. 10)"));
		}
		if (license != null && license.length() > 64) {
			errors.add(new FieldError("licenseNumber", "LENGTH", "at most 64 characters"));
		}
		// every field is checked before answering, so that an applicant corrects them all at once
		String idNumber = null;
		String creditCode = null;
		String region = null;
		if (kind == MerchantKind.INDIVIDUAL) {
			var id = ResidentIdNumber.parse(a.idNumber(), today);
			if (id.isEmpty()) {
				errors.add(new FieldError("idNumber", "ID_NUMBER_INVALID",
						"not a valid 18-character resident ID: check the birth date and the last character"));
			}
			else {
				idNumber = id.get().value();
				region = id.get().provinceCode();
			}
		}
		else if (kind == MerchantKind.ENTERPRISE) {
			var code = CreditCode.parse(a.creditCode());
			if (code.isEmpty()) {
				errors.add(new FieldError("creditCode", "CREDIT_CODE_INVALID",
						"not a valid 18-character unified social credit code: check the last character"));
			}
			else {
				creditCode = code.get().value();
				region = code.get().provinceCode();
				if (license == null) {
					license = creditCode;
				}
			}
		}
		var phone = MobileNumber.parse(a.contactPhone());
		if (phone.isEmpty()) {
			errors.add(new FieldError("contactPhone", "PHONE_INVALID",
					"a mainland mobile number: 11 digits starting 13-19, optionally +86"));
		}
		if (!errors.isEmpty()) {
			// the contract's code for a bad identity number or phone (API.md), else the general one; the fields list all
			String code = errors.stream()
				.map(FieldError::code)
				.filter(c -> c.equals("ID_NUMBER_INVALID") || c.equals("CREDIT_CODE_INVALID") || c.equals("PHONE_INVALID"))
				.findFirst()
				.orElse("VALIDATION_FAILED");
			throw new ApiProblem(HttpStatus.BAD_REQUEST, code, errors.size() == 1 ? errors.get(0).message()
					: "Some fields are invalid.", errors);
		}
		return new Valid(kind, shopName, legalName, idNumber, creditCode, legalRep, address, phone.get().digits(), license,
				exempt, codes, Boolean.TRUE.equals(a.crossBorder()), region);
	}


	private static String text(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
