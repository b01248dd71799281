package cn.fangxin.platform;

/**
 * What happens when a deadline of one kind falls due. Modules implement it as a bean. The handler runs inside the
 * transaction that claims the deadline, so its database effects and the deadline's firing commit together or not at
 * all: a handler that throws is retried with back-off and never half-applied.
 */
public interface DeadlineHandler {

	/** The kind this handler serves. */
	String kind();

	/** Acts on a deadline that fell due. The application clock reads the deadline's due time or later. */
	void onDue(Deadline deadline);

	/**
	 * True for a handler that waits on a party outside the platform (a payment provider): its deadlines fire on a lane
	 * of their own, so that a slow answer never holds up the platform's own deadlines (an unpaid order's cancellation,
	 * a ship-by refund, a complaint's escalation).
	 */
	default boolean waitsOnOthers() {
		return false;
	}

	/** A handler of one kind that acts on the deadline's subject. */
	static DeadlineHandler of(String kind, java.util.function.Consumer<Deadline> action) {
		return of(kind, false, action);
	}

	/** A handler of one kind that acts on the deadline's subject and waits on a party outside (see {@link #waitsOnOthers}). */
	static DeadlineHandler waitingOnOthers(String kind, java.util.function.Consumer<Deadline> action) {
		return of(kind, true, action);
	}

	private static DeadlineHandler of(String kind, boolean waitsOnOthers, java.util.function.Consumer<Deadline> action) {
		return new DeadlineHandler() {

			@Override
			public String kind() {
				return kind;
			}

			@Override
			public void onDue(Deadline deadline) {
				action.accept(deadline);
			}

			@Override
			public boolean waitsOnOthers() {
				return waitsOnOthers;
			}
		};
	}
}
