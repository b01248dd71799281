package cn.fangxin.payment;

/**
 * A payment's state. It only moves forward: PENDING to SUCCEEDED or FAILED, and FAILED to SUCCEEDED when the provider
 * later reports that the money was taken after all (the money is real, so it is booked).
 */
public enum PaymentStatus {
	PENDING, SUCCEEDED, FAILED
}
