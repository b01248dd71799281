package cn.fangxin.ledger.internal;

/** Four mutable counters: an account's (or a shard's) current values, or a delta to apply. */
final class Counters {

	long debitsPending;
	long debitsPosted;
	long creditsPending;
	long creditsPosted;

	Counters() {
	}

	Counters(long debitsPending, long debitsPosted, long creditsPending, long creditsPosted) {
		this.debitsPending = debitsPending;
		this.debitsPosted = debitsPosted;
		this.creditsPending = creditsPending;
		this.creditsPosted = creditsPosted;
	}

	void add(Counters other) {
		debitsPending += other.debitsPending;
		debitsPosted += other.debitsPosted;
		creditsPending += other.creditsPending;
		creditsPosted += other.creditsPosted;
	}

	boolean isZero() {
		return debitsPending == 0 && debitsPosted == 0 && creditsPending == 0 && creditsPosted == 0;
	}
}
