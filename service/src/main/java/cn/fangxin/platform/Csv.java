package cn.fangxin.platform;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * CSV downloads for people's spreadsheets and accounting: UTF-8 with a byte-order mark (so Excel and WPS read the
 * Chinese right), Excel's dialect (Apache Commons CSV), and text that users typed kept from running as a formula.
 */
public final class Csv {

	private Csv() {
	}

	/** Writes the rows. */
	@FunctionalInterface
	public interface Rows {

		void write(CSVPrinter csv) throws IOException;
	}

	/** A download named {@code filename} holding what {@code rows} writes. */
	public static ResponseEntity<byte[]> download(String filename, Rows rows) {
		StringWriter out = new StringWriter();
		out.write('\ufeff');
		try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL)) {
			rows.write(csv);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.body(out.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Text that users typed, as a cell that shows as typed and never runs (null as empty): a spreadsheet runs a cell that
	 * starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return as a formula, so such text gets
	 * a leading apostrophe (OWASP's advice on CSV injection). Numbers and ids the platform writes itself need none.
	 */
	public static String text(String text) {
		if (text == null || text.isEmpty()) {
			return "";
		}
		char first = text.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				? "'" + text : text;
	}
}
