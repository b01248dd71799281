package cn.fangxin.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.internal.AccountRecord;
import cn.fangxin.account.internal.AccountRepository;
import cn.fangxin.account.internal.ErasedAccounts;
import cn.fangxin.account.internal.PasswordPolicy;
import cn.fangxin.account.internal.RateLimiter;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Ids;
import cn.fangxin.platform.MobileNumber;
import cn.fangxin.platform.PersonalDataCipher;

/** Opening and finding accounts. */
@Service
public class Accounts {

	static final String PHONE_FIELD = "account.phone";
	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

	private final AccountRepository repository;
	private final PasswordEncoder passwords;
	private final PasswordPolicy policy;
	private final PersonalDataCipher cipher;
	private final Clock clock;
	private final ErasedAccounts erased;
	private final RateLimiter limiter;
	private final Consents consents;

	Accounts(AccountRepository repository, PasswordEncoder passwords, PasswordPolicy policy,
			PersonalDataCipher cipher, Clock clock, ErasedAccounts erased, RateLimiter limiter, Consents consents) {
		this.consents = consents;
		this.repository = repository;
		this.erased = erased;
		this.limiter = limiter;
		this.passwords = passwords;
		this.policy = policy;
		this.cipher = cipher;
		this.clock = clock;
	}

	/**
	 * Opens an account. Invalid fields give 400 {@code VALIDATION_FAILED} with every failing field, a weak password
	 * 400 {@code PASSWORD_WEAK}, a bad mobile number 400 {@code PHONE_INVALID}, a taken username 409
	 * {@code USERNAME_TAKEN}. Who may open which role is the caller's business (see the web layer).
	 */
	@Transactional
	public AccountView open(NewAccount request) {
		List<ApiProblem.FieldError> errors = new ArrayList<>();
		if (request.username() == null || !USERNAME.matcher(request.username()).matches()
				|| request.username().toLowerCase(Locale.ROOT).startsWith(ERASED_PREFIX)) {
			errors.add(new ApiProblem.FieldError("username", "FORMAT",
					"3 to 32 letters, digits, dots, dashes or underscores"));
		}
		if (request.role() == null) {
			errors.add(new ApiProblem.FieldError("role", "REQUIRED", "one of " + List.of(Role.values())));
		}
		String displayName = request.displayName() == null || request.displayName().isBlank() ? request.username()
				: request.displayName().strip();
		if (displayName != null && displayName.length() > 100) {
			errors.add(new ApiProblem.FieldError("displayName", "LENGTH", "at most 100 characters"));
		}
		Optional<MobileNumber> phone = MobileNumber.parse(request.phone());
		boolean phoneGiven = request.phone() != null && !request.phone().isBlank();
		if (phoneGiven && phone.isEmpty()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "PHONE_INVALID",
					"phone must be a mainland mobile number: 11 digits starting 13-19, optionally +86",
					List.of(new ApiProblem.FieldError("phone", "PHONE_INVALID", "not a mainland mobile number")));
		}
		if (!phoneGiven && request.role() != null && Role.SELF_SERVICE.contains(request.role())) {
			errors.add(new ApiProblem.FieldError("phone", "REQUIRED",
					"consumers and merchants give a mainland mobile number"));
		}
		if (!errors.isEmpty()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
					"Some fields are invalid.", errors);
		}
		policy.check(request.password(), request.username(), displayName);
		String username = request.username().toLowerCase(Locale.ROOT);
		if (repository.findByUsername(username).isPresent()) {
			throw usernameTaken();
		}
		var record = new AccountRecord(Ids.next("acc"), username, passwords.encode(request.password()),
				request.role(), displayName, phone.map(p -> cipher.encrypt(p.digits(), PHONE_FIELD)).orElse(null),
				true, clock.instant());
		try {
			repository.insert(record);
		}
		catch (DuplicateKeyException raced) {
			throw usernameTaken();
		}
		if (request.privacyNoticeAccepted() != null) {
			consents.record(new AccountId(record.id()), ConsentPurpose.PRIVACY_NOTICE, true, request.privacyNoticeAccepted());
		}
		return view(record);
	}

	/** Opens an account with a password that was set by the operator (seeding), skipping the strength rules. */
	@Transactional
	public AccountView openTrusted(String username, String password, Role role, String displayName) {
		var record = new AccountRecord(Ids.next("acc"), username.toLowerCase(Locale.ROOT),
				passwords.encode(password), role, displayName, null, true, clock.instant());
		repository.insert(record);
		return view(record);
	}

	@Transactional(readOnly = true)
	public Optional<AccountView> find(AccountId id) {
		return repository.findById(id.value()).map(this::view);
	}

	/** An account's caller identity (id, username, role) without reading its personal data. */
	@Transactional(readOnly = true)
	public Optional<Caller> caller(AccountId id) {
		return repository.findById(id.value()).map(a -> new Caller(new AccountId(a.id()), a.username(), a.role()));
	}

	/** The signed-in caller of the current request, if any (for code that is not handed one, such as a page's parts). */
	public Optional<Caller> current() {
		return Optional.ofNullable(cn.fangxin.account.internal.CallerResolver.current());
	}

	@Transactional(readOnly = true)
	public Optional<AccountView> findByUsername(String username) {
		return repository.findByUsername(username.toLowerCase(Locale.ROOT)).map(this::view);
	}

	@Transactional(readOnly = true)
	public boolean anyWithRole(Role role) {
		return repository.countByRole(role) > 0;
	}

	/** Accounts, newest first, for administrators. */
	@Transactional(readOnly = true)
	public List<AccountView> list(Role role, int limit) {
		return repository.list(role, limit).stream().map(this::view).toList();
	}

	/** Whether this is the account's password (an identity check before erasing it). */
	@Transactional(readOnly = true)
	public boolean passwordMatches(AccountId id, String password) {
		limiter.take("password-check:" + id.value(), 10, java.time.Duration.ofHours(1));
		return password != null && repository.findById(id.value())
			.filter(AccountRecord::enabled)
			.map(a -> passwords.matches(password, a.passwordHash()))
			.orElse(false);
	}

	/** What the account itself holds about its owner, unmasked: for the owner's own copy (PIPL art. 45). */
	public record PersonalData(String id, String username, String displayName, Role role, String phone,
			java.time.Instant createdAt) {
	}

	@Transactional(readOnly = true)
	public Optional<PersonalData> personalData(AccountId id) {
		return repository.findById(id.value())
			.map(a -> new PersonalData(a.id(), a.username(), a.displayName(), a.role(),
					a.phoneCiphertext() == null ? null : cipher.decrypt(a.phoneCiphertext(), PHONE_FIELD), a.createdAt()));
	}

	/**
	 * Erases the account on its owner's request (PIPL art. 47): its username and name become a pseudonym, its phone is
	 * removed, its password is replaced by one nobody knows, and its tokens and sessions stop working. The id stays,
	 * so the records that must be kept (E-Commerce Law art. 31) still add up. Returns the pseudonym; false-y (empty)
	 * when the account was erased already.
	 */
	@Transactional
	public Optional<String> erase(AccountId id) {
		byte[] random = new byte[8];
		RANDOM.nextBytes(random);
		String pseudonym = ERASED_PREFIX + java.util.HexFormat.of().formatHex(random);
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String unusable = passwords.encode(java.util.Base64.getEncoder().encodeToString(secret));
		if (!repository.erase(id.value(), pseudonym, unusable, clock.instant())) {
			return Optional.empty();
		}
		erased.erased(id.value());
		return Optional.of(pseudonym);
	}

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	/** An erased account's pseudonym starts so; no one signs up with such a name. */
	private static final String ERASED_PREFIX = "erased-";

	/** Accounts erased since then (for the sweeps that finish an erasure's work). */
	@Transactional(readOnly = true)
	public List<AccountId> erasedSince(java.time.Instant since) {
		return repository.erasedSince(since).stream().map(AccountId::new).toList();
	}

	/**
	 * Takes one of an account's {@code perHour} uses of something costly or sensitive (its own copy of its data); 429
	 * {@code RATE_LIMITED} when none is left.
	 */
	public void limit(AccountId id, String what, int perHour) {
		limiter.take(what + ":" + id.value(), perHour, java.time.Duration.ofHours(1));
	}

	private AccountView view(AccountRecord record) {
		String phone = record.phoneCiphertext() == null ? null
				: MobileNumber.parse(cipher.decrypt(record.phoneCiphertext(), PHONE_FIELD))
					.map(MobileNumber::masked)
					.orElse(null);
		return new AccountView(new AccountId(record.id()), record.username(), record.role(), record.displayName(),
				phone, record.enabled(), record.createdAt());
	}

	private static ApiProblem usernameTaken() {
		return ApiProblem.conflict("USERNAME_TAKEN", "This username is taken; choose another.");
	}
}
