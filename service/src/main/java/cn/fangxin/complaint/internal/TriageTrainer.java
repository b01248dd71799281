package cn.fangxin.complaint.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Trains the triage model at build time (Maven's process-classes phase, see service/pom.xml) from the corpus's
 * training split and writes it beside the classes as {@code triage/model.bin}, so that the service loads a trained
 * model in a fraction of a second instead of training on start. Skips when the model is newer than every corpus file
 * and this code. Deterministic: the same corpus gives the same bytes.
 */
public final class TriageTrainer {

	/** Where the service finds the model on the class path. */
	public static final String MODEL = "/triage/model.bin";

	private TriageTrainer() {
	}

	public static void main(String[] args) throws IOException {
		Path model = Path.of(args[0]);
		Path corpus = model.getParent().resolve("corpus");
		if (Files.exists(model) && upToDate(model, corpus)) {
			System.out.println("triage model up to date: " + model);
			return;
		}
		TriageClassifier classifier = TriageClassifier.train(new TriageFeatures(), TriageCorpus.load().training(), 0);
		Files.createDirectories(model.getParent());
		try (OutputStream out = Files.newOutputStream(model)) {
			classifier.write(out);
		}
		System.out.printf("triage model trained on %d texts (%d features) in %d ms: %s%n", classifier.texts(),
				classifier.vocabulary(), classifier.buildMillis(), model);
	}

	private static boolean upToDate(Path model, Path corpus) throws IOException {
		long built = Files.getLastModifiedTime(model).toMillis();
		try (Stream<Path> files = Files.list(corpus)) {
			if (files.anyMatch(f -> modified(f) > built)) {
				return false;
			}
		}
		for (Class<?> c : new Class<?>[] { TriageTrainer.class, TriageClassifier.class, TriageModel.class,
				TriageFeatures.class, cn.fangxin.complaint.ComplaintCategory.class }) {
			Path classFile = model.getParent().getParent().resolve(c.getName().replace('.', '/') + ".class");
			if (modified(classFile) > built) {
				return false;
			}
		}
		return true;
	}

	private static long modified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException e) {
			return Long.MAX_VALUE;
		}
	}
}
