package cn.fangxin.complaint;

/** A sanction on the merchant decided in arbitration. */
public enum Sanction {
	WARNING, SUSPEND
}
