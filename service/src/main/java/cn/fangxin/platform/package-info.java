/**
 * The platform module: what every capability stands on and no capability owns. It owns the application clock
 * ({@link cn.fangxin.platform.AdjustableClock}, with the test-clock endpoints), durable deadlines
 * ({@link cn.fangxin.platform.Deadlines}) fired exactly once across instances, the Asia/Shanghai working-day
 * calendar ({@link cn.fangxin.platform.WorkingDayCalendar}), RFC 9457 problems with stable codes
 * ({@link cn.fangxin.platform.ApiProblem}), the table-backed {@code Idempotency-Key} mechanism, encryption of
 * personal data at rest ({@link cn.fangxin.platform.PersonalDataCipher}), and the web shell (layout, language
 * switch, navigation contributed by the other modules through {@link cn.fangxin.platform.NavigationItem}, and the
 * post-redirect-get of form actions, {@link cn.fangxin.platform.PageActions}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package cn.fangxin.platform;
