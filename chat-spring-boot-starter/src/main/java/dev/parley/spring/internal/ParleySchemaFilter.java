package dev.parley.spring.internal;

import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;

import java.util.Locale;

/**
 * Keeps Hibernate's schema tooling ({@code spring.jpa.hibernate.ddl-auto}) away from Parley's
 * {@code parley_*} tables, which Parley's own migrations create and upgrade: {@code create},
 * {@code create-drop}, {@code update} and truncation leave them alone, while {@code validate} still
 * checks Parley's entities against them. The application's own tables are unaffected. Stateless;
 * Hibernate instantiates it by name ({@code hibernate.hbm2ddl.schema_filter_provider}).
 */
public final class ParleySchemaFilter implements SchemaFilterProvider {

    /** All tables but Parley's. */
    static final SchemaFilter NOT_PARLEYS = new SchemaFilter() {
        @Override
        public boolean includeNamespace(Namespace namespace) {
            return true;
        }

        @Override
        public boolean includeTable(Table table) {
            return !isParleys(table.getName());
        }

        @Override
        public boolean includeSequence(Sequence sequence) {
            return true;
        }
    };

    static boolean isParleys(String table) {
        return table != null && table.toLowerCase(Locale.ROOT).startsWith("parley_");
    }

    @Override
    public SchemaFilter getCreateFilter() {
        return NOT_PARLEYS;
    }

    @Override
    public SchemaFilter getDropFilter() {
        return NOT_PARLEYS;
    }

    @Override
    public SchemaFilter getTruncatorFilter() {
        return NOT_PARLEYS;
    }

    @Override
    public SchemaFilter getMigrateFilter() {
        return NOT_PARLEYS;
    }

    @Override
    public SchemaFilter getValidateFilter() {
        return SchemaFilter.ALL;
    }
}
