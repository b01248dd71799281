package cn.fangxin.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * {@code java -jar fangxin-verify.jar [--tsa-cert tsa.pem] bundle.zip}: verifies a Fangxin evidence bundle offline
 * and prints a report; exit code 0 when everything verifies, 1 with the reason when not, 2 for a usage error.
 */
public final class VerifyBundle {

	private static final String USAGE = "usage: java -jar fangxin-verify.jar [--tsa-cert <tsa certificate, PEM or DER>] <bundle.zip>";

	private VerifyBundle() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs the verifier; returns the exit code. */
	public static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
		Optional<X509Certificate> tsa = Optional.empty();
		String bundle = null;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--tsa-cert") && i + 1 < args.length) {
				try {
					tsa = Optional.of(TrustedTime.certificate(Files.readAllBytes(Path.of(args[++i]))));
				}
				catch (IOException | RuntimeException e) {
					err.println("cannot read the TSA certificate " + args[i] + ": " + e.getMessage());
					return 2;
				}
			}
			else if (bundle == null && !args[i].startsWith("--")) {
				bundle = args[i];
			}
			else {
				err.println(USAGE);
				return 2;
			}
		}
		if (bundle == null) {
			err.println(USAGE);
			return 2;
		}
		BundleReport report = Bundles.verify(Path.of(bundle), tsa);
		out.print(report.text());
		return report.ok() ? 0 : 1;
	}
}
