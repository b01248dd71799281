package cn.fangxin.catalog;

/** A listing is on sale or delisted; its versions stay readable either way. */
public enum ListingStatus {
	ACTIVE, DELISTED
}
