package cn.fangxin.bench;

import java.util.List;
import java.util.Map;

import cn.fangxin.complaint.internal.TriageClassifier;
import cn.fangxin.complaint.internal.TriageCorpus;
import cn.fangxin.complaint.internal.TriageFeatures;

/**
 * The triage benchmark (issue 9, {@code bench/triage/run.sh}): the model's load time in a fresh JVM — Lucene's
 * analyzers and their dictionaries, the model the build trained — (and, for comparison, training from the corpus),
 * then complaints classified per second by one thread, cycling through the held-out texts (a realistic mix of lengths
 * and languages).
 */
public final class TriageBenchmark {

	private TriageBenchmark() {
	}

	public static void main(String[] args) {
		Map<String, String> options = BenchOptions.parse(args);
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
		long start = System.nanoTime();
		TriageClassifier classifier = TriageClassifier.load(new TriageFeatures(), 0.35)
			.orElseThrow(() -> new IllegalStateException("no triage/model.bin: build with ./mvnw process-classes"));
		long loadMillis = (System.nanoTime() - start) / 1_000_000;
		long trainStart = System.nanoTime();
		TriageCorpus.Splits corpus = TriageCorpus.load();
		TriageClassifier.train(new TriageFeatures(), corpus.training(), 0.35);
		long trainMillis = (System.nanoTime() - trainStart) / 1_000_000;
		List<String> texts = corpus.evaluation().stream().map(TriageCorpus.Text::text).toList();
		double avgChars = texts.stream().mapToInt(String::length).average().orElse(0);
		// warm-up, then the measurement
		long warm = System.nanoTime();
		while (System.nanoTime() - warm < 3_000_000_000L) {
			texts.forEach(classifier::classify);
		}
		long n = 0;
		long t0 = System.nanoTime();
		long end = t0 + seconds * 1_000_000_000L;
		while (System.nanoTime() < end) {
			for (String t : texts) {
				classifier.classify(t);
				n++;
			}
		}
		double rate = n / ((System.nanoTime() - t0) / 1e9);
		System.out.printf("model load (Lucene analyzers and dictionaries + the build's model of %d texts, %d features): "
				+ "%d ms (target < 1000 ms); training it from the corpus instead: %d ms%n", classifier.texts(),
				classifier.vocabulary(), loadMillis, trainMillis);
		System.out.printf("classified: %,.0f texts/s on one core (target >= 5,000), %d texts of %.0f characters on average%n",
				rate, texts.size(), avgChars);
		System.out.printf("held-out macro-F1 %.3f%n", classifier.evaluate(corpus.evaluation()).macroF1());
	}
}
