package cn.fangxin.complaint.internal;

import java.util.Optional;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.account.AccountId;
import cn.fangxin.complaint.ComplaintPolicy;
import cn.fangxin.complaint.Complaints;
import cn.fangxin.evidence.EvidenceBundles;
import cn.fangxin.evidence.EvidenceSubjects;
import cn.fangxin.platform.DeadlineHandler;

/** The complaint deadlines on the durable scheduler, and the complaint's parties for the evidence vault. */
@Configuration(proxyBeanMethods = false)
class ComplaintIntegrations {

	/** A shop closes only when none of its complaints is still being handled. */
	@Bean
	cn.fangxin.merchant.OpenBusiness openComplaints(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		java.util.List<String> over = java.util.Arrays.stream(cn.fangxin.complaint.ComplaintStatus.values())
			.filter(cn.fangxin.complaint.ComplaintStatus::over)
			.map(Enum::name)
			.toList();
		return merchantId -> cn.fangxin.merchant.OpenBusiness.of("OPEN_COMPLAINTS",
				jdbc.sql("select count(*) from complaint where merchant_id = :merchant and status not in (:over)")
					.param("merchant", merchantId)
					.param("over", over)
					.query(Long.class)
					.single());
	}

	/** Whatever step's deadline fell due; a step the complaint has left does nothing. */
	@Bean
	DeadlineHandler complaintStepDue(Complaints complaints) {
		return DeadlineHandler.of(Complaints.STEP_DUE,
				d -> complaints.stepDue(d.subjectId(), ComplaintPolicy.Step.valueOf(d.payload())));
	}

	@Bean
	DeadlineHandler complaintPriorityDue(Complaints complaints) {
		return DeadlineHandler.of(Complaints.PRIORITY_DUE, d -> complaints.priorityDue(d.subjectId()));
	}

	/** A complaint's parties may file evidence under it and download its bundle. */
	@Bean
	EvidenceSubjects complaintEvidenceSubjects(Complaints complaints) {
		return new EvidenceSubjects() {

			@Override
			public boolean supports(EvidenceBundles.Subject subject) {
				return subject == EvidenceBundles.Subject.COMPLAINT;
			}

			@Override
			public Optional<Set<AccountId>> parties(EvidenceBundles.Subject subject, String id) {
				return subject == EvidenceBundles.Subject.COMPLAINT ? complaints.partiesOf(id) : Optional.empty();
			}
		};
	}
}
