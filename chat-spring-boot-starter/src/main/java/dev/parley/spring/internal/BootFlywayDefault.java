package dev.parley.spring.internal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.util.Map;

/**
 * Turns Boot's own Flyway auto-configuration off in an application that does not use Flyway itself.
 * Parley brings flyway-core (for its own migrations, which it runs itself), and Boot starts Flyway
 * whenever that class is present: on a database that already holds tables it would then refuse to
 * start ("non-empty schema without schema history table"), or create an empty
 * {@code flyway_schema_history}. So unless the application sets {@code spring.flyway.enabled} or
 * {@code spring.flyway.locations}, or has migrations of its own under {@code db/migration}, the
 * default becomes {@code spring.flyway.enabled=false} (lowest precedence: any setting wins).
 */
public final class BootFlywayDefault implements EnvironmentPostProcessor {

    static final String SOURCE = "parley-boot-flyway-default";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.flyway.enabled") || environment.containsProperty("spring.flyway.locations")
                || hasOwnMigrations(application.getClassLoader())) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of("spring.flyway.enabled", "false")));
    }

    static boolean hasOwnMigrations(ClassLoader loader) {
        try {
            return new PathMatchingResourcePatternResolver(loader).getResources("classpath*:db/migration/**/*").length > 0;
        } catch (IOException e) {
            return true; // cannot tell: leave Boot's default alone
        }
    }
}
