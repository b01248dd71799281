package cn.fangxin.platform;

/**
 * Text that users typed, made safe for a CSV cell: a spreadsheet program (Excel, WPS) runs a cell that starts with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return as a formula, so such text gets a leading
 * apostrophe (OWASP's advice on CSV injection). Numbers and ids the platform writes itself need none.
 */
public final class CsvCells {

	private CsvCells() {
	}

	/** {@code text} as a cell that shows as typed and never runs; null as empty. */
	public static String text(String text) {
		if (text == null || text.isEmpty()) {
			return "";
		}
		char first = text.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				? "'" + text : text;
	}
}
