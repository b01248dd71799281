/**
 * The privacy module: personal information protection (PIPL). It owns the access audit log — every time staff see
 * personal data unmasked (an ID number, a phone, an address), who, whose, which fields, why and when — which
 * administrators read. Consent records, export and deletion requests join it with their issue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy")
package cn.fangxin.privacy;
