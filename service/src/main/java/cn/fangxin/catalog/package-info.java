/**
 * The catalog module: transparent listings (E-Commerce Law art. 17; SAMR Order 56 on price marking). It owns listings
 * and their immutable versions — price, functions, pictures, format clauses shown prominently, the return policy with
 * the statutory exclusions (CRPL art. 25), brand and brand authorisation — the price history derived from them, and
 * the rule that a struck-through reference price may not exceed the lowest price of the previous 7 days. Only shops in
 * good standing with enough deposit may list (asked of {@link cn.fangxin.merchant.Merchants}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog")
package cn.fangxin.catalog;
