package cn.fangxin.verify;

/**
 * {@code java -jar fangxin-verify.jar bundle.zip}: verifies a Fangxin evidence bundle offline and prints a report;
 * exit code 0 when everything verifies, 1 with the reason when not, 2 for a usage error.
 */
public final class VerifyBundle {

	private VerifyBundle() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs the verifier; returns the exit code. */
	public static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
		if (args.length != 1) {
			err.println("usage: java -jar fangxin-verify.jar <bundle.zip>");
			return 2;
		}
		BundleReport report = Bundles.verify(java.nio.file.Path.of(args[0]));
		out.print(report.text());
		return report.ok() ? 0 : 1;
	}
}
