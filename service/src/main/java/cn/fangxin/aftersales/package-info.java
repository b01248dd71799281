/**
 * After-sales (API.md "After-sales"; RULES.md "Returns and refunds"): 7-day no-reason and quality returns, refund-only
 * requests and exchanges, the merchant's decision within its deadline (silence approves), the return leg, refunds from
 * escrow, then the merchant's balance, then compensation first by the platform — and only the consumer closes a case.
 * An open case holds the order's automatic completion.
 */
@org.springframework.modulith.ApplicationModule(displayName = "After-sales")
package cn.fangxin.aftersales;
