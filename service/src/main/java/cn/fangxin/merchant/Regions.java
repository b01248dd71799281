package cn.fangxin.merchant;

import java.util.Map;
import java.util.Optional;

/**
 * Province-level divisions by the first two digits of the administrative division code (GB/T 2260), which open both
 * the resident ID and the region part of the credit code. A shop's public region is its province: precise enough to
 * know where a seller is, never an individual's address.
 */
public final class Regions {

	private static final Map<String, String[]> PROVINCES = Map.ofEntries(Map.entry("11", names("北京", "Beijing")),
			Map.entry("12", names("天津", "Tianjin")), Map.entry("13", names("河北", "Hebei")),
			Map.entry("14", names("山西", "Shanxi")), Map.entry("15", names("内蒙古", "Inner Mongolia")),
			Map.entry("21", names("辽宁", "Liaoning")), Map.entry("22", names("吉林", "Jilin")),
			Map.entry("23", names("黑龙江", "Heilongjiang")), Map.entry("31", names("上海", "Shanghai")),
			Map.entry("32", names("江苏", "Jiangsu")), Map.entry("33", names("浙江", "Zhejiang")),
			Map.entry("34", names("安徽", "Anhui")), Map.entry("35", names("福建", "Fujian")),
			Map.entry("36", names("江西", "Jiangxi")), Map.entry("37", names("山东", "Shandong")),
			Map.entry("41", names("河南", "Henan")), Map.entry("42", names("湖北", "Hubei")),
			Map.entry("43", names("湖南", "Hunan")), Map.entry("44", names("广东", "Guangdong")),
			Map.entry("45", names("广西", "Guangxi")), Map.entry("46", names("海南", "Hainan")),
			Map.entry("50", names("重庆", "Chongqing")), Map.entry("51", names("四川", "Sichuan")),
			Map.entry("52", names("贵州", "Guizhou")), Map.entry("53", names("云南", "Yunnan")),
			Map.entry("54", names("西藏", "Tibet")), Map.entry("61", names("陕西", "Shaanxi")),
			Map.entry("62", names("甘肃", "Gansu")), Map.entry("63", names("青海", "Qinghai")),
			Map.entry("64", names("宁夏", "Ningxia")), Map.entry("65", names("新疆", "Xinjiang")),
			Map.entry("71", names("台湾", "Taiwan")), Map.entry("81", names("香港", "Hong Kong")),
			Map.entry("82", names("澳门", "Macao")));

	private Regions() {
	}

	/** The province's Chinese name. */
	public static Optional<String> province(String code) {
		return Optional.ofNullable(PROVINCES.get(code)).map(n -> n[0]);
	}

	/** The province's English name. */
	public static Optional<String> provinceEnglish(String code) {
		return Optional.ofNullable(PROVINCES.get(code)).map(n -> n[1]);
	}

	private static String[] names(String zh, String en) {
		return new String[] { zh, en };
	}
}
