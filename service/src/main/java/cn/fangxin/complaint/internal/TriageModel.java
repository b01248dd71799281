package cn.fangxin.complaint.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Multinomial logistic regression over sparse text features: each document is its distinct features with weight
 * 1 + log(count), L2-normalised; the classes' weights are learnt by stochastic gradient descent on the cross-entropy
 * with L2 regularisation, in a fixed order (seeded shuffle), so training is reproducible. Immutable once trained;
 * predictions are thread-safe.
 */
public final class TriageModel {

	/** A labelled example: its features and class index. */
	public record Example(List<String> features, int label) {
	}

	private final int classes;
	private final Map<String, Integer> vocabulary;
	private final double[][] weights; // [class][feature], the bias at index 0

	private TriageModel(int classes, Map<String, Integer> vocabulary, double[][] weights) {
		this.classes = classes;
		this.vocabulary = vocabulary;
		this.weights = weights;
	}

	/** Trains a model for {@code classes} classes. */
	public static TriageModel train(List<Example> examples, int classes, int epochs, double rate, double l2) {
		Map<String, Integer> vocabulary = new HashMap<>();
		for (Example e : examples) {
			for (String f : e.features()) {
				vocabulary.putIfAbsent(f, vocabulary.size() + 1);
			}
		}
		List<int[]> indices = new ArrayList<>(examples.size());
		List<double[]> values = new ArrayList<>(examples.size());
		for (Example e : examples) {
			Sparse s = vectorise(e.features(), vocabulary);
			indices.add(s.index);
			values.add(s.value);
		}
		double[][] w = new double[classes][vocabulary.size() + 1];
		Integer[] order = new Integer[examples.size()];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Random random = new Random(20261130L);
		double[] p = new double[classes];
		for (int epoch = 0; epoch < epochs; epoch++) {
			shuffle(order, random);
			double eta = rate / (1 + epoch * 0.1);
			double decay = 1 - eta * l2;
			for (int n : order) {
				int[] idx = indices.get(n);
				double[] val = values.get(n);
				scores(w, idx, val, p);
				softmax(p);
				int label = examples.get(n).label();
				for (int c = 0; c < classes; c++) {
					double g = (c == label ? 1 : 0) - p[c];
					double[] wc = w[c];
					wc[0] += eta * g;
					for (int k = 0; k < idx.length; k++) {
						wc[idx[k]] = wc[idx[k]] * decay + eta * g * val[k];
					}
				}
			}
		}
		return new TriageModel(classes, vocabulary, w);
	}

	/** The class probabilities for a document's features. */
	public double[] probabilities(List<String> features) {
		Sparse s = vectorise(features, vocabulary);
		double[] p = new double[classes];
		scores(weights, s.index, s.value, p);
		softmax(p);
		return p;
	}

	private static final String MAGIC = "fangxin-triage-model/1";

	/** Writes the model: the classes, then each feature with its weights (float32), the biases first. */
	public void write(java.io.DataOutputStream out) throws java.io.IOException {
		out.writeUTF(MAGIC);
		out.writeInt(classes);
		out.writeInt(vocabulary.size());
		for (int c = 0; c < classes; c++) {
			out.writeFloat((float) weights[c][0]);
		}
		String[] byIndex = new String[vocabulary.size() + 1];
		vocabulary.forEach((feature, index) -> byIndex[index] = feature);
		for (int i = 1; i < byIndex.length; i++) {
			out.writeUTF(byIndex[i]);
			for (int c = 0; c < classes; c++) {
				out.writeFloat((float) weights[c][i]);
			}
		}
	}

	/** Reads a model {@link #write} wrote. */
	public static TriageModel read(java.io.DataInputStream in) throws java.io.IOException {
		if (!MAGIC.equals(in.readUTF())) {
			throw new java.io.IOException("not a triage model");
		}
		int classes = in.readInt();
		int size = in.readInt();
		double[][] w = new double[classes][size + 1];
		for (int c = 0; c < classes; c++) {
			w[c][0] = in.readFloat();
		}
		Map<String, Integer> vocabulary = new HashMap<>(size * 2);
		for (int i = 1; i <= size; i++) {
			vocabulary.put(in.readUTF(), i);
			for (int c = 0; c < classes; c++) {
				w[c][i] = in.readFloat();
			}
		}
		return new TriageModel(classes, vocabulary, w);
	}

	/** How many classes it tells apart. */
	public int classes() {
		return classes;
	}

	/** How many distinct features the model knows. */
	public int vocabularySize() {
		return vocabulary.size();
	}

	private record Sparse(int[] index, double[] value) {
	}

	private static Sparse vectorise(List<String> features, Map<String, Integer> vocabulary) {
		Map<Integer, Integer> counts = new HashMap<>();
		for (String f : features) {
			Integer i = vocabulary.get(f);
			if (i != null) {
				counts.merge(i, 1, Integer::sum);
			}
		}
		int[] index = new int[counts.size()];
		double[] value = new double[counts.size()];
		int k = 0;
		double norm = 0;
		for (var e : counts.entrySet()) {
			index[k] = e.getKey();
			value[k] = 1 + Math.log(e.getValue());
			norm += value[k] * value[k];
			k++;
		}
		if (norm > 0) {
			double scale = 1 / Math.sqrt(norm);
			for (int i = 0; i < value.length; i++) {
				value[i] *= scale;
			}
		}
		return new Sparse(index, value);
	}

	private static void scores(double[][] w, int[] idx, double[] val, double[] out) {
		for (int c = 0; c < out.length; c++) {
			double[] wc = w[c];
			double s = wc[0];
			for (int k = 0; k < idx.length; k++) {
				s += wc[idx[k]] * val[k];
			}
			out[c] = s;
		}
	}

	private static void softmax(double[] p) {
		double max = Arrays.stream(p).max().orElse(0);
		double sum = 0;
		for (int i = 0; i < p.length; i++) {
			p[i] = Math.exp(p[i] - max);
			sum += p[i];
		}
		for (int i = 0; i < p.length; i++) {
			p[i] /= sum;
		}
	}

	private static void shuffle(Integer[] a, Random random) {
		for (int i = a.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			Integer t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
	}
}
