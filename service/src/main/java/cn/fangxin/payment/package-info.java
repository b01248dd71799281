/**
 * The payment module: money coming in from and going back to payment providers, behind one port
 * ({@link cn.fangxin.payment.PaymentGateway}). It owns payments and refunds and their states, the SANDBOX gateway
 * (instant, with a test switch to fail or to answer twice) and WeChat Pay API v3 notifications (signature verified,
 * AES-256-GCM resource decrypted with the official SDK). A payment's money moves exactly once, from the provider's
 * clearing account to the account the payment is for (an order's escrow, a merchant's deposit), however often and in
 * whatever order the provider reports it; a {@link cn.fangxin.payment.PaymentSucceeded} event tells the module that
 * asked for it, and a {@link cn.fangxin.payment.PaymentArriving} event before the booking lets that module lock its
 * subject first, so that a provider's late report takes locks in the order the module's own paths do.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payments")
package cn.fangxin.payment;
