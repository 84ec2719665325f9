package dev.parley.spring;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.core.spi.FileStore;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.UserStore;
import dev.parley.jakarta.jpa.JpaStores;
import dev.parley.protocol.User;

import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ParleyAutoConfiguration} in an application context without a running server: the beans
 * on the application's Hibernate unit, their replacement by the application's own, the
 * properties. (The served contract is tested on the example, with Tomcat.)
 */
class ParleyAutoConfigurationTest {
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                    ParleyAutoConfiguration.class))
            .withUserConfiguration(NoServerContainer.class)
            .withPropertyValues("spring.jpa.hibernate.ddl-auto=update");

    /** The test context has no Tomcat, hence no ServerContainer to register the endpoint on. */
    @Configuration(proxyBeanMethods = false)
    static class NoServerContainer {
        @Bean
        ServerEndpointExporter serverEndpointExporter() {
            return new ServerEndpointExporter() {
                @Override
                public void afterPropertiesSet() { // Spring 6 asserts the ServerContainer here
                }

                @Override
                public void afterSingletonsInstantiated() {
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStores {
        static final UserStore USERS = UserStore.inMemory();

        @Bean
        UserStore users() {
            return USERS;
        }

        @Bean
        RoomStore rooms() {
            return RoomStore.inMemory();
        }

        @Bean
        MessageStore messages() {
            return MessageStore.inMemory();
        }

        @Bean
        TokenStore tokens() {
            return TokenStore.inMemory();
        }

        @Bean
        FileStore files() {
            return FileStore.inMemory();
        }
    }

    @Test
    void theChatRunsOnTheApplicationsPersistenceUnitWithParleysEntitiesAdded() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig1;DB_CLOSE_DELAY=-1",
                        "parley.admins=root", "parley.max-upload-size=2MB")
                .run(context -> {
                    assertTrue(context.getStartupFailure() == null, String.valueOf(context.getStartupFailure()));
                    EntityManagerFactory emf = context.getBean(EntityManagerFactory.class);
                    Set<String> entities = emf.getMetamodel().getEntities().stream()
                            .map(e -> e.getJavaType().getName()).collect(Collectors.toSet());
                    assertTrue(entities.containsAll(JpaStores.managedClassNames().subList(0, 8)), entities.toString());
                    Chat chat = context.getBean(Chat.class);
                    User alice = chat.register("alice", "secret-password");
                    assertEquals(alice.id(), context.getBean(UserStore.class).find("alice").orElseThrow().user().id());
                    ChatConfig config = context.getBean(ChatConfig.class);
                    assertEquals(2L * 1024 * 1024, config.maxUploadBytes());
                    assertTrue(config.isAdmin("root"));
                });
    }

    /** The body column as Parley's migration V1 made it on H2: unsized, where Hibernate would make a varchar(255). */
    private static String bodyColumn(javax.sql.DataSource dataSource) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), "PARLEY_MESSAGES", "BODY")) {
            assertTrue(rs.next());
            return rs.getString("TYPE_NAME") + "(" + rs.getInt("COLUMN_SIZE") + ")";
        }
    }

    @Test
    void parleysMigrationsMakeItsTablesAndHibernatesDdlAutoLeavesThemAlone() {
        for (String ddlAuto : List.of("create-drop", "create", "update", "validate", "none")) {
            runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:schema-" + ddlAuto + ";DB_CLOSE_DELAY=-1",
                            "spring.jpa.hibernate.ddl-auto=" + ddlAuto)
                    .run(context -> {
                        assertTrue(context.getStartupFailure() == null, ddlAuto + ": " + context.getStartupFailure());
                        javax.sql.DataSource dataSource = context.getBean(javax.sql.DataSource.class);
                        assertEquals("CHARACTER VARYING(1000000000)", bodyColumn(dataSource), ddlAuto);
                        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement();
                             java.sql.ResultSet rs = st.executeQuery("SELECT MAX(\"version\") FROM \"PARLEY_SCHEMA_HISTORY\"")) {
                            assertTrue(rs.next());
                            assertEquals("2", rs.getString(1), ddlAuto);
                        }
                        context.getBean(Chat.class).register("carol", "secret-password");
                        assertTrue(context.getBean(UserStore.class).find("carol").isPresent(), ddlAuto);
                    });
        }
    }

    @Test
    void schemaValidateRefusesToStartOnADatabaseWithoutParleysSchema() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:schema-validate-empty;DB_CLOSE_DELAY=-1",
                        "parley.schema=validate", "spring.jpa.hibernate.ddl-auto=none")
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    assertTrue(failure != null, "validate on an empty database must fail the start");
                    Throwable root = failure;
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    assertEquals("the parley_ schema is not current (at no version, pending: V1 v1 schema, V2 v2 schema):"
                            + " start once in migrate mode, or apply META-INF/parley/db/h2/ yourself", root.getMessage());
                });
    }

    @Test
    void bootsOwnFlywayIsOffUnlessTheApplicationUsesFlyway() {
        org.springframework.mock.env.MockEnvironment plain = new org.springframework.mock.env.MockEnvironment();
        new dev.parley.spring.internal.BootFlywayDefault().postProcessEnvironment(plain, new org.springframework.boot.SpringApplication());
        assertEquals("false", plain.getProperty("spring.flyway.enabled"));
        org.springframework.mock.env.MockEnvironment own = new org.springframework.mock.env.MockEnvironment()
                .withProperty("spring.flyway.enabled", "true");
        new dev.parley.spring.internal.BootFlywayDefault().postProcessEnvironment(own, new org.springframework.boot.SpringApplication());
        assertEquals("true", own.getProperty("spring.flyway.enabled"));
        org.springframework.mock.env.MockEnvironment located = new org.springframework.mock.env.MockEnvironment()
                .withProperty("spring.flyway.locations", "classpath:app/sql");
        new dev.parley.spring.internal.BootFlywayDefault().postProcessEnvironment(located, new org.springframework.boot.SpringApplication());
        assertEquals(null, located.getProperty("spring.flyway.enabled"));
    }

    @Test
    void theApplicationsStoresReplaceTheStartersAndNoTableIsOpened() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig2;DB_CLOSE_DELAY=-1")
                .withUserConfiguration(OwnStores.class)
                .run(context -> {
                    assertTrue(context.getStartupFailure() == null, String.valueOf(context.getStartupFailure()));
                    assertSame(OwnStores.USERS, context.getBean(UserStore.class));
                    context.getBean(Chat.class).register("bob", "secret-password");
                    assertTrue(OwnStores.USERS.find("bob").isPresent());
                    assertFalse(context.getBeanFactory().containsSingleton("parleyJpaStores"), "JpaStores is lazy and unused");
                });
    }

    @Test
    void theIdentityIsParleysOwnUnlessSpringSecurityIsChosenOrTheApplicationHasOne() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig3;DB_CLOSE_DELAY=-1").run(context ->
                assertTrue(context.getBean(ParleyIdentity.class).principal(null).isEmpty()));
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig4;DB_CLOSE_DELAY=-1", "parley.identity=spring-security")
                .run(context -> assertEquals("SpringSecurityIdentity", context.getBean(ParleyIdentity.class).getClass().getSimpleName()));
    }

    @Test
    void aBadPathFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig5;DB_CLOSE_DELAY=-1", "parley.path=chat/")
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    assertTrue(failure != null);
                    StringBuilder chain = new StringBuilder();
                    for (Throwable t = failure; t != null; t = t.getCause()) { // the binder wraps it some levels down
                        chain.append(t).append('\n');
                    }
                    String all = chain.toString();
                    assertTrue(all.contains("parley.path"), all);
                });
    }

    @Test
    void parleyEnabledFalseWiresNothing() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig6;DB_CLOSE_DELAY=-1", "parley.enabled=false")
                .run(context -> assertTrue(context.getBeansOfType(Chat.class).isEmpty()));
    }
}
