package cn.fangxin.verify;

/**
 * {@code java -jar fangxin-verify.jar bundle.zip}: verifies a Fangxin evidence bundle offline and prints a report;
 * exit code 0 when everything verifies, 1 with the reason when not, 2 for a usage error.
 */
public final class VerifyBundle {

	private VerifyBundle() {
	}

	public static void main(String[] args) {
		if (args.length != 1) {
			System.err.println("usage: java -jar fangxin-verify.jar <bundle.zip>");
			System.exit(2);
		}
		BundleReport report = Bundles.verify(java.nio.file.Path.of(args[0]));
		System.out.print(report.text());
		System.exit(report.ok() ? 0 : 1);
	}
}
