package cn.fangxin.merchant.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

import cn.fangxin.account.Caller;
import cn.fangxin.merchant.MerchantStatement;
import cn.fangxin.merchant.MerchantView;
import cn.fangxin.merchant.Merchants;
import cn.fangxin.platform.Money;
import cn.fangxin.platform.WorkingDayCalendar;
import io.swagger.v3.oas.annotations.Operation;

/**
 * The shop's statement (资金流水): the page, its CSV for the shop's accounting (UTF-8 with a byte-order mark, so that
 * spreadsheet programs read the Chinese right), and the API.
 */
@Controller
class StatementPages {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(WorkingDayCalendar.ZONE);

	private final Merchants merchants;
	private final MerchantStatement statement;
	private final MessageSource messages;

	StatementPages(Merchants merchants, MerchantStatement statement, MessageSource messages) {
		this.merchants = merchants;
		this.statement = statement;
		this.messages = messages;
	}

	@GetMapping("/merchant/statement")
	String page(Caller caller, Model model) {
		MerchantView merchant = MerchantPages.mine(merchants, caller);
		model.addAttribute("merchant", merchant);
		model.addAttribute("lines", statement.lines(caller, merchant.id()));
		model.addAttribute("balance", merchants.balance(caller, merchant.id()));
		model.addAttribute("linesLimit", MerchantStatement.LINES);
		return "merchant/statement";
	}

	@GetMapping("/merchant/statement.csv")
	ResponseEntity<byte[]> csv(Caller caller, Locale locale) {
		MerchantView merchant = MerchantPages.mine(merchants, caller);
		return csvOf(statement.lines(caller, merchant.id()), merchant.id(), locale);
	}

	@GetMapping("/api/v1/merchants/{id}/statement")
	@ResponseBody
	@Operation(summary = "The shop's statement: every movement of its balance, deposit and debt, newest first "
			+ "(the merchant, staff)", tags = "Merchants")
	Items statementApi(@PathVariable String id, Caller caller) {
		return new Items(statement.lines(caller, id));
	}

	record Items(List<MerchantStatement.Line> items) {
	}

	private ResponseEntity<byte[]> csvOf(List<MerchantStatement.Line> lines, String merchantId, Locale locale) {
		StringWriter out = new StringWriter();
		out.write('\ufeff');
		try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL)) {
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
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("statement-" + merchantId + ".csv").build().toString())
			.body(out.toString().getBytes(StandardCharsets.UTF_8));
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
