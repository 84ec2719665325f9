package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.SearchQuery;
import dev.parley.protocol.Message;
import dev.parley.protocol.SearchResults;
import jakarta.persistence.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Search on PostgreSQL with its full-text search: a stored generated column
 * {@code search_tsv = to_tsvector('simple', body)} on the content messages, with a GIN index, the
 * body's punctuation read as spaces first (PostgreSQL's parser would keep {@code carol-budget.pdf} or
 * {@code foo.bar} as one token, in which {@code budget} or {@code bar} would not be found). The
 * {@code simple} configuration lower-cases words and stems nothing, so that a prefix ({@code :*}
 * in the query) works in every language. The database computes the column in the statement that
 * inserts or updates a row (an EDIT changes {@code body}, a DELETE blanks it), so the index is
 * always what the transactions committed, on every node sharing the database, with nothing to
 * repair after a crash.
 *
 * <p>The column and index are made by the schema migration V2 ({@code META-INF/parley/db/postgresql});
 * on a large existing history that rewrites the table once and holds back writes to it meanwhile. Words of the query are Parley's ({@link dev.parley.core.spi.SearchWords},
 * letters and digits only, so nothing needs quoting), each given to {@code to_tsquery} as a prefix.
 */
final class PostgresSearch implements MessageSearch {
    private final Transactions tx;

    private PostgresSearch(Transactions tx) {
        this.tx = tx;
    }

    static PostgresSearch open(Transactions tx) {
        return new PostgresSearch(tx);
    }

    @Override
    public SearchResults search(SearchQuery query) {
        StringBuilder tsquery = new StringBuilder();
        for (String w : query.words()) {
            tsquery.append(tsquery.length() == 0 ? "" : " & ").append(w).append(":*");
        }
        List<String> rooms = List.copyOf(query.rooms());
        StringBuilder sql = new StringBuilder("SELECT * FROM parley_messages"
                + " WHERE search_tsv @@ to_tsquery('simple', ?1) AND room_id IN (");
        for (int i = 0; i < rooms.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('?').append(i + 3);
        }
        sql.append(") AND id < ?2 ORDER BY id DESC LIMIT ").append(query.limit() + 1);
        long before = query.before().orElse(Long.MAX_VALUE);
        List<Message> rows = tx.inTransaction(em -> {
            Query q = em.createNativeQuery(sql.toString(), MessageEntity.class)
                    .setParameter(1, tsquery.toString())
                    .setParameter(2, before);
            for (int i = 0; i < rooms.size(); i++) {
                q.setParameter(i + 3, rooms.get(i));
            }
            List<Message> out = new ArrayList<>();
            for (Object row : q.getResultList()) {
                out.add(((MessageEntity) row).toMessage());
            }
            return out;
        });
        boolean more = rows.size() > query.limit();
        return new SearchResults(more ? rows.subList(0, query.limit()) : rows, more);
    }

    @Override
    public void committed(Collection<Message> entries) {
        // The database keeps the column itself, in the transaction that wrote the row.
    }

    @Override
    public void retained(String room, long seq) {
        // Deleted rows take their column with them.
    }

    @Override
    public void rebuild() {
        // The column is the database's own: always what the rows say.
    }

    @Override
    public void close() {
        // Nothing of its own.
    }
}
