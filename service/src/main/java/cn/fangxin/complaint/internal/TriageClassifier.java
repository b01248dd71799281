package cn.fangxin.complaint.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import cn.fangxin.complaint.ComplaintCategory;
import cn.fangxin.complaint.ComplaintTriage.Candidate;
import cn.fangxin.complaint.ComplaintTriage.Classification;
import cn.fangxin.complaint.ComplaintTriage.Evaluation;
import cn.fangxin.complaint.ComplaintTriage.Score;

/**
 * A trained classifier: Lucene features, the logistic-regression model and the confidence threshold below which the
 * answer is OTHER. Immutable and thread-safe. Built from labelled texts in well under a second.
 */
public final class TriageClassifier {

	private static final int EPOCHS = 30;
	private static final double RATE = 0.8;
	private static final double L2 = 1e-5;

	private final TriageFeatures features;
	private final TriageModel model;
	private final double threshold;
	private final long buildMillis;
	private final int texts;

	private TriageClassifier(TriageFeatures features, TriageModel model, double threshold, long buildMillis, int texts) {
		this.features = features;
		this.model = model;
		this.threshold = threshold;
		this.buildMillis = buildMillis;
		this.texts = texts;
	}

	/** Trains on labelled texts (the corpus's training split and any corrections). */
	public static TriageClassifier train(TriageFeatures features, List<TriageCorpus.Text> texts, double threshold) {
		long start = System.nanoTime(); // elapsed time for the load figure, not domain time
		List<TriageModel.Example> examples = new ArrayList<>(texts.size());
		for (TriageCorpus.Text t : texts) {
			examples.add(new TriageModel.Example(features.of(t.text()), t.category().ordinal()));
		}
		TriageModel model = TriageModel.train(examples, ComplaintCategory.values().length, EPOCHS, RATE, L2);
		return new TriageClassifier(features, model, threshold, (System.nanoTime() - start) / 1_000_000, texts.size());
	}

	/** The model trained at build time ({@link TriageTrainer}), if the class path has one. */
	public static java.util.Optional<TriageClassifier> load(TriageFeatures features, double threshold) {
		long start = System.nanoTime(); // elapsed time for the load figure, not domain time
		try (java.io.InputStream in = TriageClassifier.class.getResourceAsStream(TriageTrainer.MODEL)) {
			if (in == null) {
				return java.util.Optional.empty();
			}
			java.io.DataInputStream data = new java.io.DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
			int texts = data.readInt();
			TriageModel model = TriageModel.read(data);
			if (model.classes() != ComplaintCategory.values().length) {
				return java.util.Optional.empty(); // made for other categories: train afresh rather than mislabel
			}
			features.of("预热 warm-up"); // load the analyzers' dictionaries now, not on the first complaint
			return java.util.Optional.of(new TriageClassifier(features, model, threshold,
					(System.nanoTime() - start) / 1_000_000, texts));
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** Writes the model for {@link #load}. */
	public void write(java.io.OutputStream out) throws java.io.IOException {
		java.io.DataOutputStream data = new java.io.DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16));
		data.writeInt(texts);
		model.write(data);
		data.flush();
	}

	/** Classifies a text. */
	public Classification classify(String text) {
		String t = text == null ? "" : text.strip();
		double[] p = model.probabilities(features.of(t));
		ComplaintCategory[] all = ComplaintCategory.values();
		List<Candidate> ranked = new ArrayList<>(all.length);
		for (int i = 0; i < all.length; i++) {
			ranked.add(new Candidate(all[i], round(p[i])));
		}
		ranked.sort(Comparator.comparingDouble(Candidate::confidence).reversed());
		Candidate best = ranked.get(0);
		ComplaintCategory category = best.confidence() >= threshold ? best.category() : ComplaintCategory.OTHER;
		return new Classification(category, best.confidence(), List.copyOf(ranked.subList(0, 3)),
				TriageFeatures.language(t));
	}

	/** Per-category precision, recall and F1 on labelled texts, with macro averages. */
	public Evaluation evaluate(List<TriageCorpus.Text> labelled) {
		Map<ComplaintCategory, int[]> counts = new EnumMap<>(ComplaintCategory.class); // tp, fp, fn, support
		for (ComplaintCategory c : ComplaintCategory.values()) {
			counts.put(c, new int[4]);
		}
		int correct = 0;
		for (TriageCorpus.Text t : labelled) {
			ComplaintCategory predicted = classify(t.text()).category();
			counts.get(t.category())[3]++;
			if (predicted == t.category()) {
				counts.get(predicted)[0]++;
				correct++;
			}
			else {
				counts.get(predicted)[1]++;
				counts.get(t.category())[2]++;
			}
		}
		Map<ComplaintCategory, Score> scores = new EnumMap<>(ComplaintCategory.class);
		double p = 0;
		double r = 0;
		double f = 0;
		for (var e : counts.entrySet()) {
			int[] k = e.getValue();
			double precision = k[0] + k[1] == 0 ? 0 : (double) k[0] / (k[0] + k[1]);
			double recall = k[0] + k[2] == 0 ? 0 : (double) k[0] / (k[0] + k[2]);
			double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
			scores.put(e.getKey(), new Score(k[3], round(precision), round(recall), round(f1)));
			p += precision;
			r += recall;
			f += f1;
		}
		int n = counts.size();
		return new Evaluation(scores, round(p / n), round(r / n), round(f / n),
				labelled.isEmpty() ? 0 : round((double) correct / labelled.size()), labelled.size());
	}

	public long buildMillis() {
		return buildMillis;
	}

	public int texts() {
		return texts;
	}

	public int vocabulary() {
		return model.vocabularySize();
	}

	public double threshold() {
		return threshold;
	}

	private static double round(double v) {
		return Math.round(v * 1000) / 1000.0;
	}
}
