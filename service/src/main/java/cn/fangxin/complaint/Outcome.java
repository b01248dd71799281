package cn.fangxin.complaint;

/** An arbitration decision's outcome. */
public enum Outcome {
	CONSUMER_WINS, MERCHANT_WINS, SPLIT
}
