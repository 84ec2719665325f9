package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.SearchQuery;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.Message;
import dev.parley.protocol.SearchResults;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Search on databases without a full-text index Parley uses (H2, Derby): an Apache Lucene index of
 * this process, one document per content message that is not deleted (its id, room, seq and text
 * analysed by Lucene's {@link StandardAnalyzer}: Unicode word boundaries, lower case, no stop
 * words), sorted by id, newest first, so that a search of the newest matches stops early.
 *
 * <p>Consistency: the store tells the index of every entry once its transaction committed
 * ({@link #committed}). Under one lock, the index reads from the database the current state of
 * each message the entries touch (the message itself, or an EDIT's or DELETE's target) and
 * writes that state: whichever update runs last has read the latest commit, so two entries on one
 * message whose notices race still leave the index as the database is. A search first makes every
 * update so far visible (a near-real-time reader), so a message is found as soon as its append
 * returned.
 *
 * <p>Crash and restart: the index commits to its directory every second (and at close), recording
 * the highest entry id it applied. A crash between a database commit and the index commit loses
 * index updates, never rows: at the next start the index re-reads every entry from
 * {@link #SLACK_MILLIS} before that mark on (entries commit out of id order by less than that) and
 * updates the messages they touch. An index that is missing (a first start, a database written by
 * an earlier release) is built from the database. Retention deletes documents with the rows; should
 * a crash lose that, the rows are gone and a hit without a row is dropped from the results.
 *
 * <p>The index belongs to one process: another process writing the same database does not tell it
 * of its entries, which is why a cluster needs PostgreSQL (see the module's README). A second
 * process finding the directory locked keeps an index in memory, built from the database.
 */
final class LuceneSearch implements MessageSearch {
    private static final Logger LOG = Logger.getLogger(LuceneSearch.class.getName());

    /** How far before its mark an index re-reads entries at start, in milliseconds of message ids. */
    static final long SLACK_MILLIS = 10 * 60 * 1000L;
    /** The commit data key of the highest entry id applied. */
    static final String APPLIED = "parley.appliedThrough";
    private static final int CHUNK = 2000;

    private final Transactions tx;
    private final Directory directory;
    private final Analyzer analyzer = new StandardAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ScheduledExecutorService committer;
    private final Object updates = new Object();
    /** The highest entry id applied; guarded by {@link #updates}. */
    private long applied;
    /** The lowest entry id whose update failed since the last commit, else Long.MAX_VALUE; guarded by updates. */
    private long failedFrom = Long.MAX_VALUE;
    private volatile boolean dirty;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LuceneSearch(Transactions tx, Directory directory) throws IOException {
        this.tx = tx;
        this.directory = directory;
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setIndexSort(new Sort(new SortField("id", SortField.Type.LONG, true)));
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, null);
        this.committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-search-commit");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (or builds) the index in {@code dir}, or in memory when empty, and brings it up to the database. */
    static LuceneSearch open(Transactions tx, Optional<Path> dir) {
        LuceneSearch search;
        try {
            search = new LuceneSearch(tx, directory(dir));
        } catch (LockObtainFailedException e) {
            LOG.warning("the search index in " + dir.orElseThrow() + " is held by another process;"
                    + " this one keeps its own in memory, built from the database");
            search = inMemory(tx);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot open the search index in " + dir.orElse(null) + " (" + e.getMessage()
                    + "); keeping one in memory, built from the database", e);
            search = inMemory(tx);
        }
        search.catchUp();
        search.committer.scheduleWithFixedDelay(search::commitQuietly, 1, 1, TimeUnit.SECONDS);
        return search;
    }

    private static LuceneSearch inMemory(Transactions tx) {
        try {
            return new LuceneSearch(tx, new ByteBuffersDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Directory directory(Optional<Path> dir) throws IOException {
        if (dir.isEmpty()) {
            return new ByteBuffersDirectory();
        }
        Files.createDirectories(dir.get());
        return FSDirectory.open(dir.get());
    }

    @Override
    public void rebuild() {
        synchronized (updates) {
            applied = 0;
            failedFrom = Long.MAX_VALUE;
            build(null);
        }
    }

    /** Rebuilds a missing index, or re-applies the entries after its mark (less the slack). */
    private void catchUp() {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        build(data.get(APPLIED));
    }

    private void build(String mark) {
        long from;
        long started = System.nanoTime();
        if (mark == null) {
            try {
                writer.deleteAll();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            from = Long.MIN_VALUE;
        } else {
            applied = Long.parseLong(mark);
            from = applied - ((SLACK_MILLIS << 8) << 5);
        }
        long count = 0;
        long after = from;
        while (true) {
            long cursor = after;
            List<MessageEntity> rows = tx.inTransaction(em -> em.createQuery(
                            "SELECT m FROM ParleyMessage m WHERE m.id > :after ORDER BY m.id", MessageEntity.class)
                    .setParameter("after", cursor)
                    .setMaxResults(CHUNK)
                    .getResultList());
            if (rows.isEmpty()) {
                break;
            }
            List<Message> entries = rows.stream().map(MessageEntity::toMessage).toList();
            if (mark == null) {
                synchronized (updates) {
                    for (Message m : entries) {
                        write(m);
                        applied = Math.max(applied, m.id());
                    }
                }
            } else {
                committed(entries);
            }
            count += rows.size();
            after = rows.get(rows.size() - 1).id;
        }
        dirty = true;
        commitQuietly();
        if (count > 0) {
            LOG.info((mark == null ? "built the search index from " : "brought the search index up to date with ")
                    + count + " entries in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
    }

    @Override
    public void committed(Collection<Message> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Set<Long> touched = new LinkedHashSet<>();
        long highest = Long.MIN_VALUE;
        for (Message e : entries) {
            highest = Math.max(highest, e.id());
            if (e.kind().isContent()) {
                touched.add(e.id());
            } else if (e.kind().isLifecycle()) {
                touched.add(e.target().getAsLong());
            }
        }
        synchronized (updates) {
            try {
                if (!touched.isEmpty()) {
                    Map<Long, Message> now = current(touched);
                    for (long id : touched) {
                        Message m = now.get(id);
                        if (m == null) {
                            writer.deleteDocuments(new Term("key", Long.toString(id)));
                        } else {
                            write(m);
                        }
                    }
                }
                applied = Math.max(applied, highest);
                dirty = true;
            } catch (IOException | RuntimeException e) {
                failedFrom = Math.min(failedFrom, entries.stream().mapToLong(Message::id).min().orElse(highest));
                LOG.log(Level.WARNING, "could not update the search index (repaired at the next start): "
                        + e.getMessage(), e);
            }
        }
    }

    /** The current state of these messages in the database; a message no longer stored is absent. */
    private Map<Long, Message> current(Set<Long> ids) {
        List<Long> list = List.copyOf(ids);
        return tx.inTransaction(em -> {
            Map<Long, Message> out = new HashMap<>();
            em.createQuery("SELECT m FROM ParleyMessage m WHERE m.id IN :ids", MessageEntity.class)
                    .setParameter("ids", list)
                    .getResultList()
                    .forEach(m -> out.put(m.id, m.toMessage()));
            return out;
        });
    }

    /** Writes a message's document as its state says: indexed when it is content and not deleted, else none. */
    private void write(Message m) {
        try {
            Term key = new Term("key", Long.toString(m.id()));
            if (!m.kind().isContent() || m.state().deleted() || m.text().isEmpty()) {
                writer.deleteDocuments(key);
                return;
            }
            Document doc = new Document();
            doc.add(new StringField("key", Long.toString(m.id()), Field.Store.NO));
            doc.add(new LongPoint("id", m.id()));
            doc.add(new NumericDocValuesField("id", m.id()));
            doc.add(new StringField("room", m.room(), Field.Store.NO));
            doc.add(new LongPoint("seq", m.seq()));
            doc.add(new TextField("text", m.text(), Field.Store.NO));
            writer.updateDocument(key, doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void retained(String room, long seq) {
        synchronized (updates) {
            try {
                writer.deleteDocuments(new BooleanQuery.Builder()
                        .add(new TermInSetQuery("room", List.of(new BytesRef(room))), BooleanClause.Occur.FILTER)
                        .add(LongPoint.newRangeQuery("seq", Long.MIN_VALUE, seq), BooleanClause.Occur.FILTER)
                        .build());
                dirty = true;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not remove retained messages from the search index: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public SearchResults search(SearchQuery query) {
        List<String> terms = terms(query.text());
        if (terms.isEmpty()) {
            return new SearchResults(List.of(), false);
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String t : terms) {
            q.add(new PrefixQuery(new Term("text", t)), BooleanClause.Occur.MUST);
        }
        q.add(new TermInSetQuery("room", query.rooms().stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER);
        if (query.before().isPresent()) {
            q.add(LongPoint.newRangeQuery("id", Long.MIN_VALUE, query.before().getAsLong() - 1), BooleanClause.Occur.FILTER);
        }
        List<Long> ids = new ArrayList<>();
        try {
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(q.build(), query.limit() + 1,
                        new Sort(new SortField("id", SortField.Type.LONG, true)));
                for (ScoreDoc hit : top.scoreDocs) {
                    ids.add(idOf(searcher, hit.doc));
                }
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw ChatException.unavailable("the search index cannot be read: " + e.getMessage(), e);
        }
        if (ids.isEmpty()) {
            return new SearchResults(List.of(), false);
        }
        Map<Long, Message> rows = current(new LinkedHashSet<>(ids));
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < ids.size() && i < query.limit(); i++) {
            Message m = rows.get(ids.get(i));
            if (m != null) {
                out.add(m);
            }
        }
        return new SearchResults(out, ids.size() > query.limit());
    }

    private static long idOf(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        NumericDocValues values = leaf.reader().getNumericDocValues("id");
        if (values == null || !values.advanceExact(doc - leaf.docBase)) {
            throw new IOException("document " + doc + " has no id");
        }
        return values.longValue();
    }

    /** The query's terms as Lucene's analyser makes them, so that they match the indexed words. */
    private List<String> terms(String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    private void commitQuietly() {
        try {
            commit();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not commit the search index: " + e.getMessage(), e);
        }
    }

    /** Commits what was applied, marking the highest entry id below which nothing failed. */
    private void commit() throws IOException {
        long mark;
        synchronized (updates) {
            if (!dirty && !writer.hasUncommittedChanges()) {
                return;
            }
            mark = failedFrom == Long.MAX_VALUE ? applied : Math.min(applied, failedFrom - 1);
            writer.setLiveCommitData(Map.of(APPLIED, Long.toString(mark)).entrySet());
            dirty = false;
        }
        writer.commit();
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        committer.shutdownNow();
        try {
            commit();
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not close the search index cleanly (repaired at the next start): "
                    + e.getMessage(), e);
        }
    }
}
