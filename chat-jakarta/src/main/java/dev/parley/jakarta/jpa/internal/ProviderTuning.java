package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;

import java.util.List;
import java.util.Map;

/**
 * The provider-specific properties that {@code JpaStores.resourceLocal(url, ...)} adds to the unit
 * it builds. The unit names no provider, so the first provider on the class path builds it; its
 * own switches are chosen here, and nothing else on the stores' path depends on the provider.
 * <ul>
 *   <li><b>EclipseLink</b>: statement caching (its pool re-parses every statement otherwise, 12% of
 *       an append's CPU in {@code bench/RESULTS.md}) and JDBC batch writing (a group-committed batch
 *       sends its inserts in one batch).</li>
 *   <li><b>Hibernate</b>: the same batching ({@code hibernate.jdbc.batch_size}, inserts ordered
 *       by table).</li>
 * </ul>
 * Neither generates DDL: the schema is the migrations' ({@code SchemaMigrations}).
 */
public final class ProviderTuning {
    static final String HIBERNATE_PROVIDER = "org.hibernate.jpa.HibernatePersistenceProvider";

    private ProviderTuning() {
    }

    /** The properties for the provider that will build the unit. */
    public static Map<String, String> properties() {
        return isHibernate(firstProvider()) ? hibernate() : eclipseLink();
    }

    static Map<String, String> eclipseLink() {
        return Map.of("eclipselink.jdbc.cache-statements", "true",
                "eclipselink.jdbc.batch-writing", "JDBC");
    }

    static Map<String, String> hibernate() {
        return Map.of("hibernate.jdbc.batch_size", "100",
                "hibernate.order_inserts", "true");
    }

    static boolean isHibernate(String providerClassName) {
        return HIBERNATE_PROVIDER.equals(providerClassName);
    }

    private static String firstProvider() {
        try {
            List<PersistenceProvider> providers = PersistenceProviderResolverHolder.getPersistenceProviderResolver()
                    .getPersistenceProviders();
            return providers.isEmpty() ? "" : providers.get(0).getClass().getName();
        } catch (RuntimeException e) {
            return ""; // Persistence.createEntityManagerFactory reports what is wrong with the providers
        }
    }
}
