package dev.parley.jakarta.internal.config;

import dev.parley.core.Chat;
import dev.parley.jakarta.jpa.JpaStores;
import dev.parley.jakarta.jpa.SchemaMode;

import jakarta.persistence.EntityManagerFactory;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The container's persistence unit {@value JpaStores#UNIT} behind the engine. The reference is
 * declared in the jar's {@code web-fragment.xml}, so the factory is looked up only when the JPA
 * store is chosen.
 */
final class JpaWiring {
    /** Where the web fragment's persistence unit reference is bound. */
    static final String EMF_REFERENCE = "java:comp/env/parley/emf";

    private JpaWiring() {
    }

    /**
     * Sets the JPA stores on {@code builder}, after migrating (or validating) the schema; the stores to
     * close at undeploy. Call on a container thread.
     */
    static JpaStores apply(Chat.Builder builder, SchemaMode schema) {
        EntityManagerFactory emf;
        try {
            emf = InitialContext.doLookup(EMF_REFERENCE);
        } catch (NamingException e) {
            throw new IllegalStateException("parley.store=jpa needs the persistence unit '" + JpaStores.UNIT
                    + "' (META-INF/persistence.xml of chat-jakarta) but " + EMF_REFERENCE + " is not bound: " + e.getMessage()
                    + "; use parley.store=memory where the container offers no JPA", e);
        }
        JpaStores stores = JpaStores.jta(emf, schema); // migrates (or validates) the unit's data source first
        stores.applyTo(builder);
        return stores;
    }
}
