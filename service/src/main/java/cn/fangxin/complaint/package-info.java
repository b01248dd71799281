/**
 * Complaints and disputes (API.md "Complaints"; RULES.md "Complaints and deadlines", "Compensation"): intake from
 * every channel, a policy table of who must act by when at each tier, automatic escalation on silence, negotiation
 * with offers the ledger carries out, the arbitration desk with decisions that move money at once, appeals to another
 * arbitrator, disclosure of the seller's identity, referrals to 12315 and court with the evidence bundle, collective
 * cases and the statistics oversight charts.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Complaints")
package cn.fangxin.complaint;
