package cn.fangxin.merchant;

/** Who runs the shop: a natural person (resident ID) or an enterprise (unified social credit code). */
public enum MerchantKind {
	INDIVIDUAL, ENTERPRISE
}
