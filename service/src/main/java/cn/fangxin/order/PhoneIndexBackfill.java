package cn.fangxin.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start, indexes the recipients' mobile numbers of orders stored before staff could search by them (V26), so that
 * an upgrade finds old orders too.
 */
@Component
class PhoneIndexBackfill implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(PhoneIndexBackfill.class);

	private final Orders orders;

	PhoneIndexBackfill(Orders orders) {
		this.orders = orders;
	}

	@Override
	public void run(ApplicationArguments args) {
		int total = 0;
		for (int done = orders.indexMissingPhones(500); done > 0; done = orders.indexMissingPhones(500)) {
			total += done;
		}
		if (total > 0) {
			log.info("indexed the recipient's mobile number of {} orders stored before V26", total);
		}
	}
}
