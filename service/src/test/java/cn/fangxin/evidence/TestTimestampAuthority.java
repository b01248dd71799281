package cn.fangxin.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import com.sun.net.httpserver.HttpServer;

/**
 * An RFC 3161 time-stamping authority in the test JVM, built with BouncyCastle: a self-signed certificate with the
 * time-stamping extended key usage, answering timestamp queries over HTTP on a free port of 127.0.0.1.
 */
final class TestTimestampAuthority implements AutoCloseable {

	final X509Certificate certificate;
	private final HttpServer server;
	/** While held, the authority takes requests but answers none (a slow or hanging authority). */
	private volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);
	private final java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
	/** A thread per request, so that a held request does not keep the next from arriving. */
	private final java.util.concurrent.ExecutorService requests = java.util.concurrent.Executors.newCachedThreadPool();

	TestTimestampAuthority() throws Exception {
		KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
		var name = new X500Name("CN=Fangxin Test TSA");
		var now = new Date();
		var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(now.getTime() - 60_000),
				new Date(now.getTime() + 86_400_000L), name, keys.getPublic());
		builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
		X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
		certificate = new JcaX509CertificateConverter().getCertificate(holder);
		var signer = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
			.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()), holder);
		var tokens = new TimeStampTokenGenerator(signer,
				new JcaDigestCalculatorProviderBuilder().build().get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
						org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1)),
				new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.3.4.1"));
		tokens.addCertificates(new org.bouncycastle.cert.jcajce.JcaCertStore(java.util.List.of(certificate)));
		var responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
		long[] serial = { 1 };
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
				TimeStampRequest request = new TimeStampRequest(in.readAllBytes());
				received.incrementAndGet();
				gate.await();
				byte[] reply;
				synchronized (serial) {
					reply = responses.generate(request, BigInteger.valueOf(serial[0]++), new Date()).getEncoded();
				}
				exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
				exchange.sendResponseHeaders(200, reply.length);
				out.write(reply);
			}
			catch (Exception e) {
				exchange.sendResponseHeaders(500, -1);
				throw new IOException(e);
			}
		});
		server.setExecutor(requests);
		server.start();
	}

	/** From now on, requests wait unanswered until {@link #release()}. */
	void hold() {
		gate = new java.util.concurrent.CountDownLatch(1);
	}

	void release() {
		gate.countDown();
	}

	/** How many requests have arrived. */
	int received() {
		return received.get();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
	}

	@Override
	public void close() {
		release();
		server.stop(0);
		requests.shutdownNow();
	}
}
