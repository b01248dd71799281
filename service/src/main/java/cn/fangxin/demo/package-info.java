/**
 * The demo world: in demo mode, the demo merchant's verified shop with a deposit and goods on sale, made through the
 * same module APIs a real merchant and the customer-service agent use, so that a new user can buy at once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo world")
package cn.fangxin.demo;
