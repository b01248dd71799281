package cn.fangxin.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service on a random port with the test profile: H2 in memory (or PostgreSQL from SPRING_DATASOURCE_*),
 * a frozen clock at 2026-11-23T01:00:00Z that only moves forward, and the test deadline handlers. All tests that use
 * it share one application context; they make their own data and never assume an empty database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestDeadlineHandlers.class)
public @interface FangxinTest {
}
