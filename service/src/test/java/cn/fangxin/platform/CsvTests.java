package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What users typed goes into a CSV cell so that a spreadsheet shows it and never runs it. */
class CsvTests {

	@Test
	@DisplayName("a cell that a spreadsheet would run as a formula gets a leading apostrophe; other text stays as typed")
	void formulasDoNotRun() {
		assertThat(Csv.text("=HYPERLINK(\"http://x\",\"click\")")).isEqualTo("'=HYPERLINK(\"http://x\",\"click\")");
		assertThat(Csv.text("+1")).isEqualTo("'+1");
		assertThat(Csv.text("-2")).isEqualTo("'-2");
		assertThat(Csv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(Csv.text("\tx")).isEqualTo("'\tx");
		assertThat(Csv.text("林小姐的手工皂")).isEqualTo("林小姐的手工皂");
		assertThat(Csv.text("a=b")).isEqualTo("a=b");
		assertThat(Csv.text(null)).isEmpty();
	}
}
