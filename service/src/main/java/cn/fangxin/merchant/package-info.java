/**
 * The merchant module: the real-name registry (E-Commerce Law art. 27). It owns merchants' applications and their
 * review by staff, the registration file in which every change of identity data is a new version with who and when,
 * re-verification every six months on a durable deadline (due → VERIFICATION_DUE and a notice; 30 days overdue →
 * SUSPENDED, no new listings or orders), the identity numbers' check rules (GB 11643, GB 32100), the encryption of
 * identity data with a keyed blind index that finds shops run by one identity, the public shop page with its licence
 * information (art. 15), and guarantee deposits held in the ledger (art. 58). Other modules ask
 * {@link cn.fangxin.merchant.Merchants} whether a merchant may sell.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Merchant registry")
package cn.fangxin.merchant;
