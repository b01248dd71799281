package cn.fangxin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Fangxin (放心): the consumer-protection platform for social e-commerce. One deployable service, a modular
 * monolith whose modules are the direct sub-packages of this package (see ARCHITECTURE.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class FangxinApplication {

	public static void main(String[] args) {
		SpringApplication.run(FangxinApplication.class, args);
	}
}
