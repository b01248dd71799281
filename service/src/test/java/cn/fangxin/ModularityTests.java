package cn.fangxin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module boundaries of ARCHITECTURE.md hold: no cycles, nobody reaches into another module's internals. */
class ModularityTests {

	private static final Path COMMITTED = Path.of("..", "docs", "modules", "components.puml");

	private final ApplicationModules modules = ApplicationModules.of(FangxinApplication.class);

	@Test
	@DisplayName("modules depend only on each other's APIs and form no cycle")
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	@DisplayName("the module diagram linked from ARCHITECTURE.md is the one the code has")
	void moduleDiagramIsCurrent() throws IOException {
		Path out = Path.of("target", "spring-modulith-docs");
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(out.toString())).writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		// The Documenter's order of relations varies between runs; the lines must be the same.
		var generated = Files.readAllLines(out.resolve("components.puml"));
		assertThat(Files.readAllLines(COMMITTED))
			.as("docs/modules/components.puml is stale: copy service/target/spring-modulith-docs/components.puml there")
			.containsExactlyInAnyOrderElementsOf(generated);
	}
}
