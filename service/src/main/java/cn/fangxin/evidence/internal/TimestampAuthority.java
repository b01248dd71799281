package cn.fangxin.evidence.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.fangxin.verify.Merkle;

/**
 * Trusted time for checkpoints (SPC Online Litigation Rules 2021 art. 16: data fixed by a trusted timestamp is presumed
 * untampered): an RFC 3161 client built on BouncyCastle. When {@code fangxin.log.tsa-url} names a time-stamping
 * authority, each signed checkpoint's note is sent as a SHA-256 imprint with a nonce, and the reply is checked against
 * the request (imprint, nonce, status) before its token is kept with the checkpoint. Without a URL, nothing is stamped.
 */
@Component
public class TimestampAuthority {

	private static final Logger log = LoggerFactory.getLogger(TimestampAuthority.class);

	private final String url;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private final SecureRandom random = new SecureRandom();

	TimestampAuthority(@Value("${fangxin.log.tsa-url:}") String url) {
		this.url = url == null || url.isBlank() ? null : url;
	}

	public boolean configured() {
		return url != null;
	}

	/** The DER-encoded RFC 3161 token stamping {@code data}, or empty when no authority is configured or it failed. */
	public Optional<byte[]> stamp(byte[] data) {
		if (url == null) {
			return Optional.empty();
		}
		try {
			TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
			generator.setCertReq(true);
			TimeStampRequest request = generator.generate(NISTObjectIdentifiers.id_sha256,
					Merkle.sha256().digest(data), new BigInteger(64, random));
			HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/timestamp-query")
				.POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				log.warn("the time-stamping authority answered {}", response.statusCode());
				return Optional.empty();
			}
			TimeStampResponse reply = new TimeStampResponse(response.body());
			reply.validate(request);
			return reply.getTimeStampToken() == null ? Optional.empty() : Optional.of(reply.getTimeStampToken().getEncoded());
		}
		catch (IOException | TSPException e) {
			log.warn("could not get a timestamp for a checkpoint", e);
			return Optional.empty();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}
}
