package cn.fangxin.complaint;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.Caller;
import cn.fangxin.account.Role;
import cn.fangxin.complaint.internal.TriageCorpus;
import cn.fangxin.complaint.internal.TriageFeatures;
import cn.fangxin.complaint.internal.TriageClassifier;
import cn.fangxin.complaint.internal.TriageRepository;
import cn.fangxin.order.OrderView;
import cn.fangxin.order.Orders;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.WorkingDayCalendar;

/**
 * Complaint triage (issue 9): understands a complaint in Chinese, English or both, says its category with a confidence
 * (below the threshold: OTHER, with the candidates), and advises — the channel, the evidence checklist, the legal
 * basis, the statutory compensation for the price — and drafts a polite, factual complaint letter in the consumer's
 * language that cites the articles, states the claim and sets a deadline before escalation (seed 003 §4).
 *
 * <p>The model is a logistic regression over Lucene features ({@link TriageFeatures}), trained when the service
 * starts from the training split of the corpus in {@code triage/corpus} (never its held-out evaluation split) plus the
 * categories staff corrected, and retrained on demand.
 */
@Service
public class ComplaintTriage {

	private final TriageFeatures features = new TriageFeatures();
	private final TriageRepository corrections;
	private final Orders orders;
	private final MessageSource messages;
	private final ComplaintPolicy policy;
	private final Clock clock;
	private volatile Trained trained;

	/** The classifier in force, how long reading the corpus and training took, and how many corrections it learnt. */
	private record Trained(TriageClassifier classifier, long loadMillis, int corrections) {
	}

	ComplaintTriage(TriageRepository corrections, Orders orders, MessageSource messages, ComplaintPolicy policy,
			Clock clock) {
		this.corrections = corrections;
		this.orders = orders;
		this.messages = messages;
		this.policy = policy;
		this.clock = clock;
		long start = System.nanoTime(); // elapsed time for the load figure, not domain time
		// the model trained at build time; training here only where the build did not make one (an IDE run)
		this.trained = TriageClassifier.load(features, policy.triageThreshold())
			.map(c -> new Trained(c, (System.nanoTime() - start) / 1_000_000, 0))
			.orElseGet(() -> build(List.of()));
	}

	// ---------------------------------------------------------------------------------------------------- classify

	/**
	 * A classification.
	 *
	 * @param category the category, OTHER when the model is not confident enough
	 * @param confidence the model's probability of its best category
	 * @param candidates the three most likely categories with their probabilities
	 * @param language zh or en
	 */
	public record Classification(ComplaintCategory category, double confidence, List<Candidate> candidates,
			String language) {
	}

	/** A candidate category. */
	public record Candidate(ComplaintCategory category, double confidence) {
	}

	/** Classifies a text. */
	public Classification classify(String text) {
		return trained.classifier().classify(text);
	}

	// ---------------------------------------------------------------------------------------------------- advise

	/** What the consumer asks triage: the text, optionally the order (its price and shop) and the claims. */
	public record TriageRequest(String text, String orderId, Long priceFen, List<String> claims) {
	}

	/**
	 * Triage's answer (API.md {@code POST /api/v1/complaints/triage}).
	 *
	 * @param letter the complaint letter draft, in the text's language, for the consumer to edit
	 */
	public record TriageView(ComplaintCategory category, double confidence, List<Candidate> candidates, String language,
			Channel suggestedChannel, List<ComplaintCategory.ChecklistItem> evidenceChecklist,
			List<ComplaintCategory.LegalBasis> legalBasis, ComplaintCategory.StatutoryCompensation statutoryCompensation,
			List<Claim> claims, String letter) {
	}

	/** Classifies and advises. 400 {@code VALIDATION_FAILED}; 404 {@code ORDER_NOT_FOUND} for others' orders. */
	@Transactional(readOnly = true)
	public TriageView triage(Caller caller, TriageRequest request) {
		String text = request.text() == null ? "" : request.text().strip();
		if (text.isEmpty() || text.length() > 4000) {
			throw ApiProblem.invalidField("text", "REQUIRED", "the complaint, up to 4,000 characters");
		}
		OrderView order = request.orderId() == null || request.orderId().isBlank() ? null
				: orders.get(caller, request.orderId().strip());
		Long price = order != null ? Long.valueOf(order.totalFen()) : request.priceFen();
		if (price != null && (price < 0 || price > 10_000_000_000L)) {
			throw ApiProblem.invalidField("priceFen", "AMOUNT_INVALID", "0 to 10,000,000,000 fen");
		}
		Classification c = classify(text);
		List<Claim> claims = new ArrayList<>();
		if (request.claims() != null) {
			for (String claim : request.claims()) {
				try {
					claims.add(Claim.valueOf(claim));
				}
				catch (IllegalArgumentException | NullPointerException e) {
					throw ApiProblem.invalidField("claims", "CLAIMS_INVALID", "one of " + List.of(Claim.values()));
				}
			}
		}
		if (claims.isEmpty()) {
			claims.addAll(c.category().defaultClaims());
		}
		ComplaintCategory.StatutoryCompensation statutory = c.category().statutoryCompensation(price).orElse(null);
		String letter = letter(c.language(), c.category(), order == null ? null : order.shopName(),
				order == null ? null : order.id(), order == null ? null : order.createdAt(), text, claims, statutory);
		return new TriageView(c.category(), c.confidence(), c.candidates(), c.language(), c.category().suggestedChannel(),
				c.category().checklist(), c.category().legalBasis(), statutory, List.copyOf(claims), letter);
	}

	/**
	 * The letter: addressed to the shop, the facts in the consumer's words, the articles with what they give, the
	 * claims, the statutory compensation where it applies, and a deadline 7 days out before the complaint goes to
	 * Fangxin arbitration and 12315 (seed 003 §4: citing the law and a deadline gets answers).
	 */
	public String letter(String language, ComplaintCategory category, String shopName, String orderId,
			java.time.Instant orderedAt, String facts, List<Claim> claims, ComplaintCategory.StatutoryCompensation statutory) {
		Locale locale = "zh".equals(language) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
		LocalDate today = LocalDate.ofInstant(clock.instant(), WorkingDayCalendar.ZONE);
		String shop = shopName != null ? shopName : msg("complaint.letter.shop", locale);
		String order = orderId == null ? "" : msg("complaint.letter.order", locale, orderId,
				LocalDate.ofInstant(orderedAt, WorkingDayCalendar.ZONE).toString());
		String basis = category.legalBasis()
			.stream()
			.map(b -> msg("complaint.letter.basisLine", locale, msg("legalBasis." + b.ref() + ".law", locale),
					msg("legalBasis." + b.ref() + ".article", locale), msg("legalBasis." + b.ref() + ".summary", locale)))
			.collect(Collectors.joining("\n"));
		String claimText = claims.stream()
			.map(c -> msg("complaintClaim." + c.name(), locale))
			.collect(Collectors.joining("zh".equals(language) ? "、" : ", "));
		String compensation = statutory == null ? ""
				: msg("complaint.letter.statutory", locale, cn.fangxin.platform.Money.fen(statutory.amountFen()).toString());
		return msg("complaint.letter.template", locale, shop, order, facts.strip(), basis, claimText, compensation,
				today.plusDays(7).toString(), today.toString());
	}

	private String msg(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, locale);
	}

	// ---------------------------------------------------------------------------------------------------- learning

	/**
	 * Once the database is ready, the corrections staff made so far join the corpus: retrained in the background, the
	 * build-time model serving until the new one is ready.
	 */
	@org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
	void learnCorrections() {
		List<TriageRepository.Correction> fixes = corrections.all();
		if (!fixes.isEmpty()) {
			Thread.ofVirtual().name("triage-retraining").start(() -> this.trained = build(fixes));
		}
	}

	/** Records a category staff corrected, for retraining; in the caller's transaction. */
	@Transactional
	public void recordCorrection(String complaintId, String text, ComplaintCategory from, ComplaintCategory to,
			String by) {
		corrections.insert(complaintId, text, from.name(), to.name(), by, clock.instant());
	}

	/** Retrains on the corpus's training split and every correction (ADMIN); answers the new model's figures. */
	@Transactional(readOnly = true)
	public ModelInfo retrain(Caller caller) {
		caller.requireRole(Role.ADMIN);
		this.trained = build(corrections.all());
		return info();
	}

	/**
	 * The model in force.
	 *
	 * @param loadMillis the time to read the corpus and train it
	 * @param trainingTexts corpus texts it learnt from
	 * @param corrections staff corrections it learnt from
	 * @param vocabulary distinct features
	 * @param threshold below this confidence the category is OTHER
	 */
	public record ModelInfo(long loadMillis, int trainingTexts, int corrections, int vocabulary, double threshold) {
	}

	public ModelInfo info() {
		Trained t = trained;
		return new ModelInfo(t.loadMillis(), t.classifier().texts() - t.corrections(), t.corrections(),
				t.classifier().vocabulary(), t.classifier().threshold());
	}

	/** Per-category precision, recall and F1 on a labelled set, and their macro averages. */
	public record Evaluation(Map<ComplaintCategory, Score> perCategory, double macroPrecision, double macroRecall,
			double macroF1, double accuracy, int texts) {
	}

	/** A category's figures. */
	public record Score(int support, double precision, double recall, double f1) {
	}

	/** Evaluates the model in force on the corpus's held-out split. */
	public Evaluation evaluate() {
		return evaluate(TriageCorpus.load().evaluation());
	}

	/** Evaluates the model in force on the given texts. */
	public Evaluation evaluate(List<TriageCorpus.Text> texts) {
		return trained.classifier().evaluate(texts);
	}

	/** Deletes the corrections of a consumer's complaints from the retraining corpus (an erased account's texts). */
	@org.springframework.transaction.annotation.Transactional
	public int forgetCorrectionsOf(String consumerId) {
		return corrections.deleteForConsumer(consumerId);
	}

	private Trained build(List<TriageRepository.Correction> fixes) {
		long start = System.nanoTime(); // elapsed time for the load figure, not domain time
		List<TriageCorpus.Text> texts = new ArrayList<>(TriageCorpus.load().training());
		for (TriageRepository.Correction fix : fixes) {
			Optional.ofNullable(category(fix.corrected()))
				.ifPresent(c -> texts.add(new TriageCorpus.Text(fix.text(), c, TriageFeatures.language(fix.text()))));
		}
		TriageClassifier classifier = TriageClassifier.train(features, texts, policy.triageThreshold());
		return new Trained(classifier, (System.nanoTime() - start) / 1_000_000, fixes.size());
	}

	private static ComplaintCategory category(String name) {
		try {
			return ComplaintCategory.valueOf(name);
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

}
