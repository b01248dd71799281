package cn.fangxin.complaint.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import cn.fangxin.complaint.ComplaintCategory;

/**
 * The labelled corpus under {@code triage/corpus/} (see its README): one file per category and language. Every 5th
 * line of a file is held out for evaluation and never trains.
 */
public final class TriageCorpus {

	/** A labelled text. */
	public record Text(String text, ComplaintCategory category, String language) {
	}

	/** The two splits. */
	public record Splits(List<Text> training, List<Text> evaluation) {
	}

	private TriageCorpus() {
	}

	/** Reads every file of the corpus from the class path. */
	public static Splits load() {
		List<Text> training = new ArrayList<>();
		List<Text> evaluation = new ArrayList<>();
		for (ComplaintCategory category : ComplaintCategory.values()) {
			for (String language : List.of("zh", "en")) {
				String path = "/triage/corpus/" + category.name() + "." + language + ".txt";
				try (InputStream in = TriageCorpus.class.getResourceAsStream(path)) {
					if (in == null) {
						throw new IllegalStateException("missing corpus file " + path);
					}
					int line = 0;
					for (String text : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
						String t = text.strip();
						if (t.isEmpty()) {
							continue;
						}
						line++;
						(line % 5 == 0 ? evaluation : training).add(new Text(t, category, language));
					}
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			}
		}
		return new Splits(List.copyOf(training), List.copyOf(evaluation));
	}
}
