package cn.fangxin.account.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import cn.fangxin.platform.ApiProblem;

/**
 * What makes a password acceptable: 8 to 128 characters and not easily guessed, measured by zxcvbn (score 2 or more,
 * i.e. about a million guesses or more, counting the username and display name as known words). Rejections answer
 * 400 {@code PASSWORD_WEAK} with zxcvbn's advice.
 */
@Component
public class PasswordPolicy {

	static final int MIN_LENGTH = 8;
	static final int MAX_LENGTH = 128;
	static final int MIN_SCORE = 2;

	private final Zxcvbn zxcvbn = new Zxcvbn();

	public void check(String password, String... knownWords) {
		if (password == null || password.length() < MIN_LENGTH) {
			throw weak("use at least " + MIN_LENGTH + " characters");
		}
		if (password.length() > MAX_LENGTH) {
			throw weak("use at most " + MAX_LENGTH + " characters");
		}
		List<String> words = new ArrayList<>();
		for (String word : knownWords) {
			if (word != null && !word.isBlank()) {
				words.add(word);
			}
		}
		Strength strength = zxcvbn.measure(password, words);
		if (strength.getScore() < MIN_SCORE) {
			String advice = strength.getFeedback().getWarning();
			throw weak(advice == null || advice.isBlank() ? "this password is easy to guess; add words or symbols"
					: advice);
		}
	}

	private static ApiProblem weak(String advice) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "PASSWORD_WEAK", "The password is too weak: " + advice + ".",
				List.of(new ApiProblem.FieldError("password", "PASSWORD_WEAK", advice)));
	}
}
