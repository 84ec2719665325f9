package dev.parley.core.spi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parley's one word rule for search, where no search engine supplies its own: a word is a run of
 * letters and digits (any script; everything else separates words), compared in lower case. The
 * engine splits a query with it (to refuse one without a word, or with too many), and the in-memory
 * store indexes text with it. The JPA stores leave text to their engine's analyser (PostgreSQL's
 * {@code simple} configuration, Lucene's {@code StandardAnalyzer}), which agree with this rule on
 * ordinary words and differ at the edges (Lucene keeps {@code don't} and {@code foo.bar} whole).
 * Thread-safe; holds no state.
 */
public final class SearchWords {
    /** The most words a query may hold: each costs the index a lookup. */
    public static final int MAX_QUERY_WORDS = 16;

    private SearchWords() {
    }

    /** The distinct words of {@code text}, in lower case, in order of first appearance. */
    public static List<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (word.length() > 0) {
                words.add(word.toString().toLowerCase(Locale.ROOT));
                word.setLength(0);
            }
        });
        if (word.length() > 0) {
            words.add(word.toString().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(new ArrayList<>(words));
    }
}
