package dev.parley.spring.internal;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.boot.model.TypeContributor;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.LongVarcharJdbcType;

/**
 * On PostgreSQL, Hibernate keeps a {@code @Lob String} as {@code oid}, a large object outside the row;
 * EclipseLink keeps it as {@code text}. Parley's message text ({@code parley_messages.body}) is such a
 * column: this contributor maps Hibernate's CLOB to {@code text} on PostgreSQL, so that both providers
 * create and read the same schema (a database moves between chat-jakarta on EclipseLink and this
 * starter), and PostgreSQL functions apply to the text (the search index's generated column calls
 * {@code regexp_replace} on it, which has no form taking an {@code oid}). Other databases are left as
 * Hibernate maps them. Registered as a service ({@code META-INF/services}), so it runs after the dialect's
 * own types and replaces its CLOB; it applies to every {@code @Lob String} of the application's unit.
 */
public final class PostgresTextClobs implements TypeContributor {
    @Override
    public void contribute(TypeContributions contributions, ServiceRegistry registry) {
        // No JDBC environment when the database could not be reached: Hibernate fails that start by itself.
        JdbcServices jdbc = registry.getService(JdbcServices.class);
        JdbcEnvironment environment = jdbc == null ? null : jdbc.getJdbcEnvironment();
        Dialect dialect = environment == null ? null : environment.getDialect();
        if (dialect instanceof PostgreSQLDialect) {
            contributions.getTypeConfiguration().getJdbcTypeRegistry()
                    .addDescriptor(SqlTypes.CLOB, new LongVarcharJdbcType(SqlTypes.LONG32VARCHAR));
        }
    }
}
