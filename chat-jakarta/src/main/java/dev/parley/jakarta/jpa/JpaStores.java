package dev.parley.jakarta.jpa;

import dev.parley.core.Chat;
import dev.parley.core.spi.BlockStore;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.ReadMarkerStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.SanctionStore;
import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.UserStore;
import dev.parley.jakarta.jpa.internal.CommitDurability;
import dev.parley.jakarta.jpa.internal.ManagedClasses;
import dev.parley.jakarta.jpa.internal.JpaBlockStore;
import dev.parley.jakarta.jpa.internal.JpaMessageStore;
import dev.parley.jakarta.jpa.internal.JpaReadMarkerStore;
import dev.parley.jakarta.jpa.internal.JpaRoomStore;
import dev.parley.jakarta.jpa.internal.JpaSanctionStore;
import dev.parley.jakarta.jpa.internal.JpaTokenStore;
import dev.parley.jakarta.jpa.internal.JpaUserStore;
import dev.parley.jakarta.jpa.internal.ProviderTuning;
import dev.parley.jakarta.jpa.internal.SchemaMigrations;
import dev.parley.jakarta.jpa.internal.Transactions;
import dev.parley.jakarta.jpa.internal.UrlDataSource;
import dev.parley.protocol.ChatException;
import jakarta.persistence.EntityManagerFactory;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parley's users, rooms, messages, read markers, blocks, bans and mutes, and token data kept in a relational
 * database through Jakarta
 * Persistence: the persistence unit {@value #UNIT} of this module's {@code META-INF/persistence.xml},
 * whose tables are named {@code parley_*}.
 *
 * <p>The schema is versioned: Flyway migrations shipped in this jar ({@code META-INF/parley/db/h2},
 * {@code derby} and {@code postgresql}; history in {@code parley_schema_history}) create it in an
 * empty database and bring an older one up to date, before the stores use it; the unit itself
 * generates no DDL. {@link SchemaMode#VALIDATE} applies nothing and refuses to open a schema with
 * pending migrations. A database an earlier release wrote opens in place and keeps its data: a v1
 * one (tables, no history) is taken as version 1 and gets V2's tables, columns and indexes; the
 * nullable columns of a v1 message read as a message never edited, deleted, reacted to or replied
 * to. On a large history that first start takes a while (indexes, and PostgreSQL's search column).
 *
 * <p>Three ways in: {@link #resourceLocal(String, String, String)} for a Java SE program with a
 * JDBC URL; {@link #resourceLocal(EntityManagerFactory)} over a factory the caller built; and
 * {@link #jta(EntityManagerFactory)} in a Jakarta EE server, over the container's unit. Several
 * processes may share one database: {@code seq} stays gap-free and unique across all of them.
 *
 * <p>Thread-safety and lifecycle: the stores are thread-safe, each call being one short
 * transaction on its own entity manager, and they block the calling thread for the database
 * round trips. Over RESOURCE_LOCAL, appends that arrive together share one transaction (group
 * commit): a thread of the message store's stores them all, and each append completes once that
 * committed.
 *
 * <p>Durability: a store call returns (and the engine acks) only after its transaction committed,
 * and a commit must survive a crash of this process. On H2 the stores therefore turn its write
 * delay off ({@code SET WRITE_DELAY 0}, made when the stores are built), so that each commit is in
 * the database file, not only in memory, before it returns; PostgreSQL and Derby are durable by
 * their defaults, and the log warns when {@code synchronous_commit} or {@code fsync} is off, or
 * {@code derby.system.durability=test} is set. Power loss is another matter: only a database that
 * fsyncs at commit (PostgreSQL with its defaults) keeps what was acknowledged; H2 writes each
 * commit to the operating system but does not fsync it.
 *
 * <p>Database failures surface as {@link ChatException} with code
 * UNAVAILABLE. {@link #close()} closes the factory only when this class created it; stores used
 * after that fail with UNAVAILABLE.
 */
public final class JpaStores implements AutoCloseable {

    /** The name of the persistence unit declared by this module. */
    public static final String UNIT = "parley";

    /** The data source of a Jakarta EE server's default persistence unit. */
    public static final String DEFAULT_DATA_SOURCE = "java:comp/DefaultDataSource";

    private final EntityManagerFactory emf;
    private final boolean ownsFactory;
    private final UserStore users;
    private final RoomStore rooms;
    private final MessageStore messages;
    private final TokenStore tokens;
    private final ReadMarkerStore readMarkers;
    private final BlockStore blocks;
    private final SanctionStore sanctions;
    /** For a private in-memory H2 database: a connection held so that it lives as long as these stores. */
    private Connection keepAlive;

    private JpaStores(EntityManagerFactory emf, boolean ownsFactory, Transactions tx) {
        this.emf = emf;
        this.ownsFactory = ownsFactory;
        this.users = new JpaUserStore(tx);
        this.rooms = new JpaRoomStore(tx);
        this.messages = new JpaMessageStore(tx);
        this.tokens = new JpaTokenStore(tx);
        this.readMarkers = new JpaReadMarkerStore(tx);
        this.blocks = new JpaBlockStore(tx);
        this.sanctions = new JpaSanctionStore(tx);
        CommitDurability.ensure(tx);
    }

    /**
     * Builds the RESOURCE_LOCAL unit {@value #UNIT} over a JDBC URL (H2, PostgreSQL or any database
     * with a JDBC driver and a Jakarta Persistence provider on the class path) after migrating the
     * schema ({@link SchemaMode#MIGRATE}).
     *
     * @param jdbcUrl  the JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/chat}
     * @param user     the database user, or null when the URL carries it
     * @param password the password, or null when the URL carries it (or none is needed)
     * @throws IllegalArgumentException       when {@code jdbcUrl} is not a JDBC URL
     * @throws IllegalStateException          when no persistence provider can build the unit
     * @throws ChatException  UNAVAILABLE when the database cannot be reached
     */
    public static JpaStores resourceLocal(String jdbcUrl, String user, String password) {
        return resourceLocal(jdbcUrl, user, password, SchemaMode.MIGRATE);
    }

    /**
     * As {@link #resourceLocal(String, String, String)}, with the schema migrated or only validated.
     *
     * @throws IllegalStateException also when {@code schema} is VALIDATE and a migration is pending,
     *                               or when a migration fails
     */
    public static JpaStores resourceLocal(String jdbcUrl, String user, String password, SchemaMode schema) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(schema, "schema");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("jdbcUrl must start with \"jdbc:\", got \"" + jdbcUrl + "\"");
        }
        // An in-memory H2 database without DB_CLOSE_DELAY ends with its last connection: the migrations'
        // connection would take their tables with it before the unit opened its own.
        Connection keepAlive = null;
        if (jdbcUrl.startsWith("jdbc:h2:mem:") && !jdbcUrl.toUpperCase(Locale.ROOT).contains("DB_CLOSE_DELAY")) {
            try {
                keepAlive = DriverManager.getConnection(jdbcUrl, user, password);
            } catch (SQLException e) {
                throw ChatException.unavailable("database unavailable: " + e.getMessage(), e);
            }
        }
        try {
            JpaStores stores = open(jdbcUrl, user, password, schema);
            stores.keepAlive = keepAlive;
            return stores;
        } catch (RuntimeException e) {
            closeQuietly(keepAlive);
            throw e;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the database ends with it anyway
            }
        }
    }

    private static JpaStores open(String jdbcUrl, String user, String password, SchemaMode schema) {
        prepareSchema(new UrlDataSource(jdbcUrl, user, password), schema);
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        properties.put("jakarta.persistence.jdbc.url", jdbcUrl);
        if (user != null) {
            properties.put("jakarta.persistence.jdbc.user", user);
        }
        if (password != null) {
            properties.put("jakarta.persistence.jdbc.password", password);
        }
        // Statement caching and JDBC batching (a group-committed batch of appends sends its inserts
        // in one batch), in the words of the provider that builds the unit.
        properties.putAll(ProviderTuning.properties());
        EntityManagerFactory emf = Transactions.connect(UNIT, properties);
        Transactions tx = Transactions.resourceLocal(emf);
        return new JpaStores(emf, true, tx);
    }

    /**
     * Migrates (or validates) the {@code parley_*} schema that {@code dataSource}'s connections see,
     * as {@link #resourceLocal(String, String, String, SchemaMode)} does before it builds its unit:
     * for a host that builds the factory itself, which calls this first (the Spring Boot starter
     * does, on the application's data source, before Hibernate starts).
     *
     * @throws ChatException UNAVAILABLE when the database cannot be reached
     * @throws IllegalStateException             when the database is not H2, Derby or PostgreSQL, a
     *                                           migration fails, or {@code schema} is VALIDATE and
     *                                           the schema is not current
     */
    public static void prepareSchema(DataSource dataSource, SchemaMode schema) {
        SchemaMigrations.apply(Objects.requireNonNull(dataSource, "dataSource"), Objects.requireNonNull(schema, "schema"));
    }

    /**
     * Stores over a RESOURCE_LOCAL factory the caller built from the unit {@value #UNIT} (or from a
     * unit listing the same entity classes), on a schema the caller prepared with
     * {@link #prepareSchema}. {@link #close()} leaves the factory open.
     */
    public static JpaStores resourceLocal(EntityManagerFactory emf) {
        Objects.requireNonNull(emf, "emf");
        return new JpaStores(emf, false, Transactions.resourceLocal(emf));
    }

    /**
     * Stores over a container-managed JTA unit, e.g. one injected with
     * {@code @PersistenceUnit(unitName = "parley")}. Each store call runs in its own transaction,
     * begun and committed through the container's {@code java:comp/UserTransaction}, which is
     * looked up once, now: call this on a container thread. A call made inside a transaction the
     * caller already began joins it instead, and a failure there (a taken name included) marks
     * that transaction rollback-only. {@link #close()} leaves the factory open.
     *
     * <p>The schema is migrated first ({@link SchemaMode#MIGRATE}) on the unit's data source: the one
     * the factory's {@code jakarta.persistence.jtaDataSource} property names, else the container's
     * default, {@value #DEFAULT_DATA_SOURCE}.
     *
     * @throws IllegalStateException when there is no UserTransaction or data source to look up (not
     *                               in a container)
     */
    public static JpaStores jta(EntityManagerFactory emf) {
        return jta(emf, SchemaMode.MIGRATE);
    }

    /** As {@link #jta(EntityManagerFactory)}, with the schema migrated or only validated. */
    public static JpaStores jta(EntityManagerFactory emf, SchemaMode schema) {
        Objects.requireNonNull(emf, "emf");
        Objects.requireNonNull(schema, "schema");
        Transactions tx = Transactions.jta(emf);
        prepareSchema(unitDataSource(emf), schema);
        return new JpaStores(emf, false, tx);
    }

    private static DataSource unitDataSource(EntityManagerFactory emf) {
        Object named = emf.getProperties().get("jakarta.persistence.jtaDataSource");
        if (named instanceof DataSource ds) {
            return ds;
        }
        String name = named instanceof String s && !s.isBlank() ? s : DEFAULT_DATA_SOURCE;
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("cannot look up the persistence unit's data source " + name
                    + " to migrate the parley_ schema: " + e.getMessage(), e);
        }
    }

    /**
     * The managed classes of the unit {@value #UNIT} (its entities and their converter), as its
     * {@code persistence.xml} lists them: for a host that adds them to a persistence unit of its
     * own, such as the Spring Boot starter to the application's unit, then builds the stores with
     * {@link #resourceLocal(EntityManagerFactory)}.
     */
    public static List<String> managedClassNames() {
        return ManagedClasses.names();
    }

    /** The users, with case-insensitive unique names. */
    public UserStore users() {
        return users;
    }

    /** The rooms and their members. */
    public RoomStore rooms() {
        return rooms;
    }

    /** The messages of every room, with their seq counters and idempotency keys. */
    public MessageStore messages() {
        return messages;
    }

    /** The token signing key and the revoked tokens. */
    public TokenStore tokens() {
        return tokens;
    }

    /** The users' read markers, in a table of their own that no append locks. */
    public ReadMarkerStore readMarkers() {
        return readMarkers;
    }

    /** The bans and mutes of every room. */
    public SanctionStore sanctions() {
        return sanctions;
    }

    /** Who blocks whom. */
    public BlockStore blocks() {
        return blocks;
    }

    /** Sets these stores on a chat builder (files stay in the builder's file store). */
    public Chat.Builder applyTo(Chat.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        return builder.userStore(users).roomStore(rooms).messageStore(messages).tokenStore(tokens)
                .readMarkerStore(readMarkers).blockStore(blocks).sanctionStore(sanctions);
    }

    /** Rebuilds the message search index from the tables, after they were changed behind the stores' back. */
    void rebuildSearchIndex() {
        ((JpaMessageStore) messages).rebuildSearchIndex();
    }

    /**
     * Commits and closes the message search index, then closes the entity manager factory if
     * {@link #resourceLocal(String, String, String)} created it.
     */
    @Override
    public void close() {
        ((JpaMessageStore) messages).close();
        if (ownsFactory && emf.isOpen()) {
            emf.close();
        }
        closeQuietly(keepAlive);
    }
}
