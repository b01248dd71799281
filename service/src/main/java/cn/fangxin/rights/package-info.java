/**
 * Personal data rights (PIPL arts. 44–47; PRODUCT.md capability 12): a person's own copy of everything the platform
 * holds about them, unmasked, as one JSON document (access, copy and portability), and erasure on request: the account
 * is pseudonymised and the personal data in its orders and requests erased, while the records the law keeps for three
 * years (E-Commerce Law art. 31) stay, naming only the account's id. It reads from and asks the modules that hold the
 * data; none of them depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Personal data rights")
package cn.fangxin.rights;
