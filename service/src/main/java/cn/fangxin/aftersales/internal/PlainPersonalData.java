package cn.fangxin.aftersales.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start, encrypts the personal data this module stored in plain text before: invoice buyers (before V18) and
 * return addresses, with the approval events that repeated them (before V19), so that none stays readable at rest
 * after an upgrade.
 */
@Component
class PlainPersonalData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(PlainPersonalData.class);

	private final RequestRepository requests;
	private final AfterSaleRepository cases;

	PlainPersonalData(RequestRepository requests, AfterSaleRepository cases) {
		this.requests = requests;
		this.cases = cases;
	}

	@Override
	public void run(ApplicationArguments args) {
		int buyers = requests.encryptPlainBuyers();
		int addresses = cases.sealPlainAddresses();
		if (buyers + addresses > 0) {
			log.info("encrypted {} invoice buyers and {} return addresses stored in plain text", buyers, addresses);
		}
	}
}
