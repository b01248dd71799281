package cn.fangxin.verify;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/** A time-stamping authority in the test: a self-signed certificate with the time-stamping usage, and its tokens. */
final class TestTsa {

	private final X509Certificate certificate;
	private final TimeStampTokenGenerator tokens;
	private long serial = 1;

	TestTsa() throws Exception {
		KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
		var name = new X500Name("CN=Fangxin Test TSA");
		var now = new Date();
		var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(now.getTime() - 86_400_000L),
				new Date(now.getTime() + 86_400_000L), name, keys.getPublic());
		builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
		X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
		certificate = new JcaX509CertificateConverter().getCertificate(holder);
		var signer = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
			.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()), holder);
		tokens = new TimeStampTokenGenerator(signer,
				new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1)),
				new ASN1ObjectIdentifier("1.2.3.4.1"));
		tokens.addCertificates(new JcaCertStore(List.of(certificate)));
	}

	/** A DER token stamping the SHA-256 of {@code data}. */
	byte[] stamp(byte[] data) throws Exception {
		var requests = new org.bouncycastle.tsp.TimeStampRequestGenerator();
		requests.setCertReq(true); // as the service asks
		var request = requests.generate(NISTObjectIdentifiers.id_sha256, Merkle.sha256().digest(data));
		return tokens.generate(request, BigInteger.valueOf(serial++), new Date()).getEncoded();
	}

	String pem() throws Exception {
		return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
				+ "\n-----END CERTIFICATE-----\n";
	}
}
