/**
 * The account module: who is signed in and what they may do. It owns accounts and their roles (consumer, merchant,
 * customer-service agent, arbitrator, regulator, administrator), password hashing, the bearer tokens of the API and
 * the session login of the web UI, rate limits on signing in and signing up, the demo accounts and the production
 * profile's first administrator. Other modules receive the signed-in {@link cn.fangxin.account.Caller} in their
 * controllers and answer "not found" to anyone who is neither a party to an object nor staff with
 * {@link cn.fangxin.account.Access}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package cn.fangxin.account;
