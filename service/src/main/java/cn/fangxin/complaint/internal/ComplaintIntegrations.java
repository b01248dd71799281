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

	@Bean
	DeadlineHandler complaintMerchantResponseDue(Complaints complaints) {
		return step(complaints, ComplaintPolicy.Step.MERCHANT_RESPONSE);
	}

	@Bean
	DeadlineHandler complaintNegotiationDue(Complaints complaints) {
		return step(complaints, ComplaintPolicy.Step.NEGOTIATION);
	}

	@Bean
	DeadlineHandler complaintArbitrationDue(Complaints complaints) {
		return step(complaints, ComplaintPolicy.Step.ARBITRATION_DECISION);
	}

	@Bean
	DeadlineHandler complaintAppealWindowDue(Complaints complaints) {
		return step(complaints, ComplaintPolicy.Step.APPEAL_WINDOW);
	}

	@Bean
	DeadlineHandler complaintAppealDecisionDue(Complaints complaints) {
		return step(complaints, ComplaintPolicy.Step.APPEAL_DECISION);
	}

	@Bean
	DeadlineHandler complaintRegulatorAcceptanceDue(Complaints complaints) {
		return step(complaints, ComplaintPolicy.Step.REGULATOR_ACCEPTANCE);
	}

	@Bean
	DeadlineHandler complaintRegulatorMediationDue(Complaints complaints) {
		return step(complaints, ComplaintPolicy.Step.REGULATOR_MEDIATION);
	}

	@Bean
	DeadlineHandler complaintCourtDue(Complaints complaints) {
		return step(complaints, ComplaintPolicy.Step.COURT_JUDGMENT);
	}

	@Bean
	DeadlineHandler complaintPriorityDue(Complaints complaints) {
		return DeadlineHandler.of(Complaints.PRIORITY_DUE, d -> complaints.priorityDue(d.subjectId()));
	}

	private static DeadlineHandler step(Complaints complaints, ComplaintPolicy.Step step) {
		return DeadlineHandler.of(Complaints.DEADLINE_PREFIX + step, d -> complaints.stepDue(d.subjectId(), step));
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
