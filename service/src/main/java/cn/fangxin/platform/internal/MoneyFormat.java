package cn.fangxin.platform.internal;

import org.springframework.stereotype.Component;

/** Money for people in templates: {@code ${@money.yuan(order.totalFen)}} → {@code 1,234.50}. Integer arithmetic only. */
@Component("money")
class MoneyFormat {

	public String yuan(long fen) {
		long abs = Math.abs(fen);
		String whole = String.format(java.util.Locale.ROOT, "%,d", abs / 100);
		return (fen < 0 ? "-" : "") + whole + "." + String.format("%02d", abs % 100);
	}
}
