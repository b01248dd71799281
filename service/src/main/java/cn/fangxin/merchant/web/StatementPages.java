package cn.fangxin.merchant.web;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.fangxin.account.Caller;
import cn.fangxin.merchant.MerchantStatement;
import cn.fangxin.merchant.MerchantView;
import cn.fangxin.merchant.Merchants;
import cn.fangxin.platform.Csv;
import cn.fangxin.platform.Money;
import cn.fangxin.platform.WorkingDayCalendar;

/**
 * The shop's statement (资金流水): the page and its CSV for the shop's accounting (UTF-8 with a byte-order mark, so that
 * spreadsheet programs read the Chinese right); the API is {@link WithdrawalController}'s.
 */
@Controller
class StatementPages {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(WorkingDayCalendar.ZONE);

	private final Merchants merchants;
	private final MerchantStatement statement;
	private final MessageSource messages;
	private final Clock clock;

	StatementPages(Merchants merchants, MerchantStatement statement, MessageSource messages, Clock clock) {
		this.merchants = merchants;
		this.statement = statement;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/merchant/statement")
	String page(@RequestParam(required = false) String month, Caller caller, Model model) {
		MerchantView merchant = MerchantPages.mine(merchants, caller);
		YearMonth current = YearMonth.now(clock.withZone(WorkingDayCalendar.ZONE));
		YearMonth shown = parse(month).filter(m -> !m.isAfter(current)).orElse(current);
		model.addAttribute("merchant", merchant);
		model.addAttribute("statement", statement.month(caller, merchant.id(), shown));
		model.addAttribute("previous", shown.minusMonths(1));
		model.addAttribute("next", shown.isBefore(current) ? shown.plusMonths(1) : null);
		model.addAttribute("balance", merchants.balance(caller, merchant.id()));
		return "merchant/statement";
	}

	@GetMapping("/merchant/statement.csv")
	ResponseEntity<byte[]> csv(@RequestParam(required = false) String month, Caller caller, Locale locale) {
		MerchantView merchant = MerchantPages.mine(merchants, caller);
		YearMonth shown = parse(month).orElseGet(() -> YearMonth.now(clock.withZone(WorkingDayCalendar.ZONE)));
		return csvOf(statement.month(caller, merchant.id(), shown).items(),
				"statement-" + merchant.id() + "-" + shown + ".csv", locale);
	}

	static java.util.Optional<YearMonth> parse(String month) {
		if (month == null || !month.matches("\\d{4}-\\d{2}")) {
			return java.util.Optional.empty();
		}
		try {
			YearMonth parsed = YearMonth.parse(month);
			return parsed.getYear() < 2000 ? java.util.Optional.empty() : java.util.Optional.of(parsed);
		}
		catch (java.time.format.DateTimeParseException e) {
			return java.util.Optional.empty();
		}
	}

	private ResponseEntity<byte[]> csvOf(List<MerchantStatement.Line> lines, String filename, Locale locale) {
		return Csv.download(filename, csv -> {
			csv.printRecord(text("statement.csv.at", locale), text("statement.csv.account", locale),
					text("statement.csv.what", locale), text("statement.csv.in", locale), text("statement.csv.out", locale),
					text("statement.csv.order", locale), text("statement.csv.case", locale),
					text("statement.csv.transfer", locale));
			for (MerchantStatement.Line line : lines) {
				csv.printRecord(WHEN.format(line.at()), text("statement.account." + line.account(), locale),
						text("transferCode." + line.code(), locale), line.inFen() == 0 ? "" : yuan(line.inFen()),
						line.outFen() == 0 ? "" : yuan(line.outFen()), nullToEmpty(line.orderRef()),
						nullToEmpty(line.caseRef()), line.transferId());
			}
		});
	}

	/** Fen as yuan with two decimals and no grouping, as accounting software reads it. */
	private static String yuan(long fen) {
		return Money.fen(fen).toString().substring(1);
	}

	private static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

}
