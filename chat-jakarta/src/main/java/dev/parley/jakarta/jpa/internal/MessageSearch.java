package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.SearchQuery;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.Message;
import dev.parley.protocol.SearchResults;
import jakarta.persistence.EntityManager;

import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The search index of {@link JpaMessageStore}, chosen by the database behind it: PostgreSQL's own
 * full-text search ({@link PostgresSearch}, kept by the database in the transaction that writes a
 * message, so every node sharing the database searches the same index), or a Lucene index of this
 * process ({@link LuceneSearch}) on any other database (H2, Derby), told of each entry once it
 * committed.
 */
interface MessageSearch extends AutoCloseable {

    /** The system property naming the directory of the Lucene index (else next to an H2 or Derby file database). */
    String DIRECTORY_PROPERTY = "parley.search.dir";

    /** Matches of the query, see {@link dev.parley.core.spi.MessageStore#search}. */
    SearchResults search(SearchQuery query);

    /** Entries (any kind) that just committed, so that an index outside the database follows them. */
    void committed(Collection<Message> entries);

    /** Retention removed the room's entries up to {@code seq}. */
    void retained(String room, long seq);

    /** Rebuilds the index from the database, after the tables were changed behind the store's back. */
    void rebuild();

    @Override
    void close();

    /** The index for the database behind {@code tx}; creates (or repairs) what it needs first. */
    static MessageSearch open(Transactions tx) {
        Database db = tx.inTransaction(Database::of);
        if (db.product().contains("postgresql")) {
            return PostgresSearch.open(tx);
        }
        return LuceneSearch.open(tx, directory(db.url()));
    }

    /**
     * Where a Lucene index lives: the system property {@value #DIRECTORY_PROPERTY} if set; else beside
     * a file database, {@code <file>.search} (the standalone server's {@code <data-dir>/db/parley.search});
     * else nowhere, meaning in memory, rebuilt from the database at each start.
     */
    static Optional<Path> directory(String jdbcUrl) {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        String url = jdbcUrl == null ? "" : jdbcUrl;
        int options = url.indexOf(';');
        String base = options < 0 ? url : url.substring(0, options);
        String file = null;
        if (base.startsWith("jdbc:h2:file:")) {
            file = base.substring("jdbc:h2:file:".length());
        } else if (base.startsWith("jdbc:h2:") && !base.startsWith("jdbc:h2:mem:") && !base.startsWith("jdbc:h2:tcp:")
                && !base.startsWith("jdbc:h2:ssl:") && !base.startsWith("jdbc:h2:zip:")) {
            file = base.substring("jdbc:h2:".length());
        } else if (base.startsWith("jdbc:derby:") && !base.startsWith("jdbc:derby:memory:")
                && !base.startsWith("jdbc:derby://")) {
            file = base.substring("jdbc:derby:".length());
        }
        if (file == null || file.isBlank() || file.startsWith("~")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(file + ".search").toAbsolutePath().normalize());
    }

    /** The database's product name (lower case) and URL, as its driver tells them. */
    record Database(String product, String url) {
        static Database of(EntityManager em) {
            try {
                // Through JdbcConnections: Hibernate does not unwrap an EntityManager to its Connection.
                return JdbcConnections.with(em, c -> {
                    DatabaseMetaData meta = c.getMetaData();
                    return new Database(meta.getDatabaseProductName().toLowerCase(Locale.ROOT), meta.getURL());
                });
            } catch (SQLException | IllegalStateException e) {
                throw ChatException.unavailable("cannot read the database's product name: " + e.getMessage(), e);
            }
        }
    }
}
