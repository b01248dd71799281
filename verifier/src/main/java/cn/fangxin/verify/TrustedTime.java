package cn.fangxin.verify;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

/**
 * Checks an RFC 3161 timestamp token over a checkpoint (SPC Online Litigation Rules 2021 art. 16: data fixed by a
 * trusted timestamp is presumed untampered). The token must stamp the SHA-256 of the checkpoint's exact bytes, carry
 * the time-stamping authority's certificate, and its CMS signature must verify with that certificate, which must have
 * the time-stamping key usage and be valid at the stamped time. Whether the authority itself is trusted is a question
 * of its certificate: the report prints the certificate's subject, issuer and SHA-256 fingerprint, and when the user
 * names the authority's certificate ({@code --tsa-cert}), the signing certificate must be that one or issued by it.
 */
final class TrustedTime {

	/** What the token says, once it verified. */
	record Stamp(String time, String authority, String subject, String issuer, String fingerprint, boolean pinned) {
	}

	private TrustedTime() {
	}

	static Stamp verify(byte[] token, byte[] stamped, Optional<X509Certificate> trusted) {
		TimeStampToken tst;
		try {
			tst = new TimeStampToken(new CMSSignedData(token));
		}
		catch (Exception e) {
			throw new IllegalArgumentException("the timestamp token cannot be read: " + e.getMessage());
		}
		var info = tst.getTimeStampInfo();
		if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())) {
			throw new IllegalArgumentException("the timestamp token stamps a " + info.getMessageImprintAlgOID()
					+ " digest, not SHA-256");
		}
		if (!MessageDigest.isEqual(info.getMessageImprintDigest(), Merkle.sha256().digest(stamped))) {
			throw new IllegalArgumentException("the timestamp token stamps other data than this checkpoint");
		}
		@SuppressWarnings("unchecked")
		Collection<X509CertificateHolder> matches = tst.getCertificates().getMatches((Selector) tst.getSID());
		if (matches.isEmpty()) {
			throw new IllegalArgumentException("the timestamp token does not carry its authority's certificate");
		}
		X509CertificateHolder holder = matches.iterator().next();
		X509Certificate certificate;
		try {
			certificate = new JcaX509CertificateConverter().getCertificate(holder);
			// validate: the signature, the signing-certificate attribute, the time-stamping usage, validity at genTime
			tst.validate(new JcaSimpleSignerInfoVerifierBuilder().build(holder));
		}
		catch (Exception e) {
			throw new IllegalArgumentException("the timestamp token's signature does not verify: " + e.getMessage());
		}
		boolean pinned = false;
		if (trusted.isPresent()) {
			X509Certificate anchor = trusted.get();
			pinned = Arrays.equals(encoded(anchor), encoded(certificate)) || issuedBy(certificate, anchor);
			if (!pinned) {
				throw new IllegalArgumentException("the timestamp was signed by " + certificate.getSubjectX500Principal()
						+ ", which is not the given TSA certificate nor issued by it");
			}
		}
		String authority = info.getTsa() == null ? certificate.getSubjectX500Principal().getName()
				: info.getTsa().getName().toString();
		return new Stamp(info.getGenTime().toInstant().toString(), authority,
				certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
				HexFormat.ofDelimiter(":").withUpperCase().formatHex(Merkle.sha256().digest(encoded(certificate))), pinned);
	}

	/** Reads a PEM or DER certificate. */
	static X509Certificate certificate(byte[] bytes) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(bytes));
		}
		catch (CertificateException e) {
			throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage());
		}
	}

	private static boolean issuedBy(X509Certificate certificate, X509Certificate issuer) {
		try {
			if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
				return false;
			}
			certificate.verify(issuer.getPublicKey());
			return true;
		}
		catch (Exception e) {
			return false;
		}
	}

	private static byte[] encoded(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (java.security.cert.CertificateEncodingException e) {
			throw new IllegalArgumentException(e);
		}
	}

	static List<String> describe(Stamp stamp) {
		return List.of("stamped at " + stamp.time() + " by " + stamp.authority(),
				"  TSA certificate: " + stamp.subject() + ", issued by " + stamp.issuer(),
				"  SHA-256 fingerprint " + stamp.fingerprint());
	}
}
