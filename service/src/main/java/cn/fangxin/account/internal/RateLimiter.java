package cn.fangxin.account.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.fangxin.platform.ApiProblem;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token-bucket rate limits (Bucket4j) against password guessing and mass sign-up. Buckets live in this instance's
 * memory: with several instances each enforces its own share, which still bounds an attacker to a small multiple.
 */
@Component
public class RateLimiter {

	private final Map<String, Limited> buckets = new ConcurrentHashMap<>();

	/**
	 * Takes one request from the bucket named {@code key}, refilled to {@code capacity} every {@code period};
	 * refuses with 429 {@code RATE_LIMITED} and the seconds to wait when it is empty.
	 */
	public void take(String key, int capacity, Duration period) {
		Limited limited = buckets.computeIfAbsent(key, k -> new Limited(Bucket.builder()
			.addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
			.build(), capacity));
		ConsumptionProbe probe = limited.bucket().tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
			throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
					"Too many attempts; try again in " + seconds + " seconds.").with("retryAfterSeconds", seconds);
		}
	}

	/** Drops buckets that are full again, so memory stays bounded. */
	@Scheduled(fixedDelayString = "PT10M")
	void forgetIdle() {
		buckets.values().removeIf(limited -> limited.bucket().getAvailableTokens() >= limited.capacity());
	}

	private record Limited(Bucket bucket, int capacity) {
	}
}
