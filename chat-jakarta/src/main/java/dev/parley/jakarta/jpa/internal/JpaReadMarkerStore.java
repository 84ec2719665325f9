package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.ReadMarkerStore;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.ReadMarker;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link ReadMarkerStore} over JPA, in {@code parley_read_markers} (see {@link ReadMarkerEntity}).
 *
 * <p>A batch of markers is one transaction. Each marker is moved by a conditional
 * {@code UPDATE ... WHERE last_read_seq < ?}, which the database applies atomically, so a marker
 * never moves back whatever the interleaving of processes; a marker seen for the first time is
 * inserted. When the UPDATE finds no row but the SELECT after it finds one (inserted and committed by
 * another process between the two), the UPDATE runs again. When two processes insert the same first marker at once, the loser's unique violation
 * rolls its batch back and the batch runs again, now finding the row to update. No statement here
 * touches the tables an append locks.
 */
public final class JpaReadMarkerStore implements ReadMarkerStore {
    private static final int MAX_ATTEMPTS = 5;

    private final Transactions tx;

    public JpaReadMarkerStore(Transactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public List<ReadMarker> advance(List<ReadMarker> markers) {
        Objects.requireNonNull(markers, "markers");
        if (markers.isEmpty()) {
            return List.of();
        }
        for (int attempt = 1; ; attempt++) {
            List<ReadMarker> moved = tx.inTransaction(em -> write(em, markers), () -> null);
            if (moved != null) {
                return moved;
            }
            if (attempt == MAX_ATTEMPTS) {
                throw dev.parley.protocol.ChatException.unavailable("read markers kept colliding with another writer", null);
            }
        }
    }

    private static List<ReadMarker> write(EntityManager em, List<ReadMarker> markers) {
        List<ReadMarker> moved = new ArrayList<>();
        for (ReadMarker m : markers) {
            if (advance(em, m)) {
                moved.add(m);
            }
        }
        return moved;
    }

    /**
     * Moves one marker forward, if it is behind. The UPDATE may find no row that another transaction
     * inserts and commits before the SELECT that follows it (each statement reads its own snapshot under
     * READ COMMITTED): then the row read is behind and the UPDATE runs again, rather than the move being
     * lost.
     */
    private static boolean advance(EntityManager em, ReadMarker m) {
        String key = InputRules.key(m.username());
        while (true) {
            int updated = em.createNativeQuery("UPDATE parley_read_markers SET last_read_seq = ?"
                            + " WHERE room_id = ? AND user_key = ? AND last_read_seq < ?")
                    .setParameter(1, m.lastReadSeq())
                    .setParameter(2, m.room())
                    .setParameter(3, key)
                    .setParameter(4, m.lastReadSeq())
                    .executeUpdate();
            if (updated == 1) {
                return true;
            }
            List<Long> current = em.createQuery("SELECT r.lastReadSeq FROM ParleyReadMarker r"
                            + " WHERE r.room = :r AND r.userKey = :u", Long.class)
                    .setParameter("r", m.room())
                    .setParameter("u", key)
                    .getResultList();
            if (!current.isEmpty()) {
                if (current.get(0) >= m.lastReadSeq()) {
                    return false; // as far or further already
                }
                continue; // inserted by another writer between the two statements: update it now
            }
            if (m.lastReadSeq() <= 0) {
                return false;
            }
            em.createNativeQuery("INSERT INTO parley_read_markers (room_id, user_key, username, last_read_seq)"
                            + " VALUES (?, ?, ?, ?)")
                    .setParameter(1, m.room())
                    .setParameter(2, key)
                    .setParameter(3, m.username())
                    .setParameter(4, m.lastReadSeq())
                    .executeUpdate();
            return true;
        }
    }

    @Override
    public long marker(String room, String username) {
        List<Long> found = tx.inTransaction(em -> em.createQuery("SELECT r.lastReadSeq FROM ParleyReadMarker r"
                        + " WHERE r.room = :r AND r.userKey = :u", Long.class)
                .setParameter("r", room)
                .setParameter("u", InputRules.key(username))
                .getResultList());
        return found.isEmpty() ? 0 : found.get(0);
    }

    @Override
    public Map<String, Long> markersOf(String username) {
        List<Object[]> rows = tx.inTransaction(em -> em.createQuery("SELECT r.room, r.lastReadSeq FROM ParleyReadMarker r"
                        + " WHERE r.userKey = :u", Object[].class)
                .setParameter("u", InputRules.key(username))
                .getResultList());
        Map<String, Long> out = new HashMap<>();
        rows.forEach(r -> out.put((String) r[0], ((Number) r[1]).longValue()));
        return out;
    }

    @Override
    public Map<String, Long> markersIn(String room) {
        List<Object[]> rows = tx.inTransaction(em -> em.createQuery("SELECT r.userKey, r.lastReadSeq FROM ParleyReadMarker r"
                        + " WHERE r.room = :r", Object[].class)
                .setParameter("r", room)
                .getResultList());
        Map<String, Long> out = new HashMap<>();
        rows.forEach(r -> out.put((String) r[0], ((Number) r[1]).longValue()));
        return out;
    }
}
