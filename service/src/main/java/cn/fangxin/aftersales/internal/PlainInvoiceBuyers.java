package cn.fangxin.aftersales.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start, encrypts the buyer (title, taxpayer id) of invoice requests stored in plain text before V18, so that no
 * personal data stays readable at rest after an upgrade.
 */
@Component
class PlainInvoiceBuyers implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(PlainInvoiceBuyers.class);

	private final RequestRepository repository;

	PlainInvoiceBuyers(RequestRepository repository) {
		this.repository = repository;
	}

	@Override
	public void run(ApplicationArguments args) {
		int encrypted = repository.encryptPlainBuyers();
		if (encrypted > 0) {
			log.info("encrypted the buyer of {} invoice requests stored before V18", encrypted);
		}
	}
}
