package cn.fangxin.platform.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The OpenAPI document at {@code /v3/api-docs}, browsable at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI fangxinOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Fangxin API")
				.version("v1")
				.description("Consumer protection for social e-commerce: escrow, merchant registry, after-sales, "
						+ "complaints and a verifiable evidence log. Money in fen; instants in RFC 3339 UTC; errors are "
						+ "RFC 9457 problems with a stable `code`. Get a token at POST /api/v1/auth/token and press "
						+ "Authorize."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}
}
