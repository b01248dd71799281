package cn.fangxin.complaint.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns a complaint's text into features with Lucene's analyzers: the words of {@link SmartChineseAnalyzer} (its HMM
 * segmentation for Chinese), the overlapping character bigrams of {@link CJKAnalyzer} for Chinese, which survive typos
 * and words the dictionary lacks ("退欵", "宝子"), and for Latin-script words the stems of {@link EnglishAnalyzer}
 * (possessives, stop words, Porter stemming) with their character 4-grams, which survive typos and pinyin variants
 * ("recieved", "kuaidi"). Mixed text gets all. Analyzers are thread-safe; one instance serves every request.
 */
public final class TriageFeatures {

	private final Analyzer words = new SmartChineseAnalyzer();
	private final Analyzer bigrams = new CJKAnalyzer();
	private final Analyzer english = new EnglishAnalyzer();

	/** The features of a text: "w:" words and "b:" Chinese bigrams, with repetitions. */
	public List<String> of(String text) {
		List<String> features = new ArrayList<>(64);
		String input = text == null ? "" : text.length() > 4000 ? text.substring(0, 4000) : text;
		collect(words, "w:", input, features, false);
		if (hasHan(input)) {
			collect(bigrams, "b:", input, features, true);
		}
		if (hasLatin(input)) {
			List<String> stems = new ArrayList<>();
			collect(english, "", input, stems, false);
			for (String stem : stems) {
				if (hasHan(stem)) {
					continue;
				}
				features.add("e:" + stem);
				String padded = "^" + stem + "$";
				for (int i = 0; i + 4 <= padded.length(); i++) {
					features.add("c:" + padded.substring(i, i + 4));
				}
			}
		}
		return features;
	}

	private static boolean hasLatin(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
				return true;
			}
		}
		return false;
	}

	private static void collect(Analyzer analyzer, String prefix, String text, List<String> out, boolean hanOnly) {
		try (TokenStream stream = analyzer.tokenStream("text", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				if (hanOnly && !hasHan(term)) {
					continue; // the words analyzer has the Latin words already
				}
				out.add(prefix + term);
			}
			stream.end();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Whether the text has Chinese characters. */
	public static boolean hasHan(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.UnicodeScript.of(text.charAt(i)) == Character.UnicodeScript.HAN) {
				return true;
			}
		}
		return false;
	}

	/** The text's language: zh when at least a fifth of its letters are Chinese characters, else en. */
	public static String language(String text) {
		int han = 0;
		int letters = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isLetter(c)) {
				letters++;
				if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
					han++;
				}
			}
		}
		return letters > 0 && han * 5 >= letters ? "zh" : "en";
	}
}
