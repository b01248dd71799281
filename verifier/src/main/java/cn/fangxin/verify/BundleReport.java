package cn.fangxin.verify;

import java.util.ArrayList;
import java.util.List;

/** What the verifier found, line by line, and whether everything verified. */
public final class BundleReport {

	private final List<String> lines = new ArrayList<>();
	private boolean ok = true;
	private String failure;

	void good(String line) {
		lines.add("  ok    " + line);
	}

	void bad(String line) {
		lines.add("  FAIL  " + line);
		if (ok) {
			failure = line;
		}
		ok = false;
	}

	void info(String line) {
		lines.add(line);
	}

	public boolean ok() {
		return ok;
	}

	/** The first failure, when there is one. */
	public String failure() {
		return failure;
	}

	public String text() {
		StringBuilder text = new StringBuilder();
		lines.forEach(line -> text.append(line).append('\n'));
		text.append(ok ? "RESULT: everything verifies.\n" : "RESULT: NOT VERIFIED — " + failure + "\n");
		return text.toString();
	}
}
