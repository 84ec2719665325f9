package dev.parley.spring.internal;

import dev.parley.core.spi.FileStore;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.UserStore;
import dev.parley.jakarta.jpa.JpaStores;
import dev.parley.spring.ParleyProperties;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.hibernate.cfg.SchemaToolingSettings;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.boot.autoconfigure.orm.jpa.EntityManagerFactoryBuilderCustomizer;
import org.springframework.boot.autoconfigure.orm.jpa.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Parley's stores on the application's persistence unit. The entities are added to the unit that
 * Boot builds ({@code spring.jpa.*}, the application's own {@code DataSource} and Hibernate) by a
 * persistence unit post-processor, so the application's entity scanning is unchanged; the stores
 * then run their own short RESOURCE_LOCAL transactions on that factory (they never join the
 * application's {@code @Transactional} ones). The {@code parley_*} tables are Parley's: its
 * migrations run on the application's {@code DataSource} before the factory is built
 * ({@code parley.schema}), and Hibernate's own schema tooling leaves them alone
 * ({@link ParleySchemaFilter}; {@code ddl-auto=validate} still checks them).
 */
@Configuration(proxyBeanMethods = false)
public class ParleyStoresConfiguration {
    private static final Logger LOG = Logger.getLogger(ParleyStoresConfiguration.class.getName());

    /**
     * Adds Parley's entity classes to the application's unit. It replaces the builder's unit
     * post-processors, which Boot leaves empty; an application that sets its own adds
     * {@link JpaStores#managedClassNames()} in them.
     */
    @Bean
    static EntityManagerFactoryBuilderCustomizer parleyEntities() {
        return builder -> builder.setPersistenceUnitPostProcessors(
                unit -> JpaStores.managedClassNames().forEach(unit::addManagedClassName));
    }

    /** The bean name of {@link #parleySchema}, which the application's entity manager factory depends on. */
    static final String SCHEMA_BEAN = "parleySchema";

    /**
     * Migrates (or validates) Parley's tables on the application's data source, at start: after the
     * application's own Flyway migrations when it has them (on a new database Boot's Flyway would
     * otherwise find Parley's tables there and refuse to start without its history).
     */
    @Bean(SCHEMA_BEAN)
    @ConditionalOnBean(DataSource.class)
    ParleySchema parleySchema(DataSource dataSource, ParleyProperties properties,
                              ObjectProvider<FlywayMigrationInitializer> applicationsFlyway) {
        applicationsFlyway.ifAvailable(initializer -> { }); // created = migrated
        JpaStores.prepareSchema(dataSource, properties.getSchema());
        return new ParleySchema(properties.getSchema());
    }

    /** The application's entity manager factory is built after {@link #parleySchema}. */
    @Bean
    @ConditionalOnBean(DataSource.class)
    static EntityManagerFactoryDependsOnPostProcessor parleySchemaBeforeJpa() {
        return new EntityManagerFactoryDependsOnPostProcessor(SCHEMA_BEAN);
    }

    /**
     * Hibernate's {@code ddl-auto} manages the application's tables only, never Parley's; an
     * application that sets a schema filter provider of its own keeps it (and excludes
     * {@code parley_*} tables in it).
     */
    @Bean
    static HibernatePropertiesCustomizer parleySchemaFilter() {
        return properties -> properties.putIfAbsent(SchemaToolingSettings.HBM2DDL_FILTER_PROVIDER,
                ParleySchemaFilter.class.getName());
    }

    /** Built on first use, so that an application replacing all four stores opens no tables. */
    @Bean
    @Lazy
    @ConditionalOnBean(EntityManagerFactory.class)
    @ConditionalOnMissingBean
    JpaStores parleyJpaStores(EntityManagerFactory emf) {
        return JpaStores.resourceLocal(emf);
    }

    @Bean
    @ConditionalOnMissingBean
    UserStore parleyUserStore(ObjectProvider<JpaStores> stores) {
        return stores.getObject().users();
    }

    @Bean
    @ConditionalOnMissingBean
    RoomStore parleyRoomStore(ObjectProvider<JpaStores> stores) {
        return stores.getObject().rooms();
    }

    @Bean
    @ConditionalOnMissingBean
    MessageStore parleyMessageStore(ObjectProvider<JpaStores> stores) {
        return stores.getObject().messages();
    }

    @Bean
    @ConditionalOnMissingBean
    TokenStore parleyTokenStore(ObjectProvider<JpaStores> stores) {
        return stores.getObject().tokens();
    }

    /** Files in {@code parley.files-directory}; in memory (with a warning) when it is not set. */
    @Bean
    @ConditionalOnMissingBean
    FileStore parleyFileStore(ParleyProperties properties) {
        if (properties.getFilesDirectory() == null) {
            LOG.warning("parley.files-directory is not set: shared files are kept in memory and lost at every stop,"
                    + " while their messages stay in the database");
            return FileStore.inMemory();
        }
        return FileStore.directory(properties.getFilesDirectory());
    }
}
