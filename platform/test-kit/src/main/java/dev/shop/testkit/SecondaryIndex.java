package dev.shop.testkit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique index for the embedded server, kept in memory and rebuilt from the documents when a database opens.
 * mongo-java-server accepts {@code createIndex} for a non-unique index but ignores it, so every query on such a field
 * (the outbox sweep's {@code {outbox.eventId: {$exists: true}}}, the catalogue's {@code touchedAt >= t}, a customer's
 * orders by {@code userId}) decoded the whole collection, and the cost grew with every order stored.
 * <p>
 * It narrows a query down on the index's first field: equality, {@code $in}, ranges ({@code $gt}, {@code $gte},
 * {@code $lt}, {@code $lte}) and {@code $exists: true}; arrays are indexed by element, as MongoDB does. The candidates
 * it gives are a superset of the answer (a range over mixed types, say, includes every later type), and the whole query
 * is then matched against each of them as before, so an answer never changes, only how it is found. Conditions that
 * can match a missing field ({@code null}, {@code $exists: false}, {@code $ne}, ...) are not narrowed here.
 */
final class SecondaryIndex<P> extends Index<P> {

    private static final ValueComparator ORDER = ValueComparator.asc();
    private static final Pattern ARRAY_POSITION = Pattern.compile("\\d+");

    private final String field;
    private final List<String> path;
    /**
     * False for a path naming an array position ({@code lines.0.sku}: a position or a field, not narrowed here), and
     * from the first value the server cannot order on: then queries scan, as without the index.
     */
    private volatile boolean usable;
    private final NavigableMap<Object, Set<P>> byValue = new TreeMap<>(ORDER);
    private final Set<P> present = new LinkedHashSet<>();
    private final Map<Object, Entry<P>> byId = new HashMap<>();

    private record Entry<P>(P position, List<Object> values, boolean present) {
    }

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.field = keys.get(0).getKey();
        this.path = List.of(field.split("\\."));
        this.usable = path.stream().noneMatch(segment -> ARRAY_POSITION.matcher(segment).matches());
    }

    String field() {
        return field;
    }

    /**
     * The positions that may satisfy {@code condition} on this index's field, or null when the condition cannot be
     * narrowed down here.
     */
    synchronized Collection<P> candidates(Object condition) {
        if (!usable || condition == null) {
            return null;
        }
        if (plain(condition)) {
            return copy(byValue.get(condition));
        }
        if (!(condition instanceof Document operators) || operators.isEmpty()
                || operators.keySet().stream().anyMatch(key -> !key.startsWith("$"))) {
            return null;
        }
        Object eq = operators.get("$eq");
        if (plain(eq)) {
            return copy(byValue.get(eq));
        }
        if (operators.get("$in") instanceof Collection<?> values && values.size() <= 1000
                && values.stream().allMatch(SecondaryIndex::plain)) {
            Set<P> found = new LinkedHashSet<>();
            for (Object value : values) {
                Set<P> positions = byValue.get(value);
                if (positions != null) {
                    found.addAll(positions);
                }
            }
            return new ArrayList<>(found);
        }
        Collection<P> range = range(operators);
        if (range != null) {
            return range;
        }
        if (Boolean.TRUE.equals(operators.get("$exists"))) {
            return new ArrayList<>(present);
        }
        return null;
    }

    private Collection<P> range(Document operators) {
        Object lower = null;
        boolean lowerInclusive = false;
        Object upper = null;
        boolean upperInclusive = false;
        if (plain(operators.get("$gte"))) {
            lower = operators.get("$gte");
            lowerInclusive = true;
        } else if (plain(operators.get("$gt"))) {
            lower = operators.get("$gt");
        }
        if (plain(operators.get("$lte"))) {
            upper = operators.get("$lte");
            upperInclusive = true;
        } else if (plain(operators.get("$lt"))) {
            upper = operators.get("$lt");
        }
        if (lower == null && upper == null) {
            return null;
        }
        NavigableMap<Object, Set<P>> slice;
        if (lower != null && upper != null) {
            if (ORDER.compare(lower, upper) > 0) {
                return List.of();
            }
            slice = byValue.subMap(lower, lowerInclusive, upper, upperInclusive);
        } else if (lower != null) {
            slice = byValue.tailMap(lower, lowerInclusive);
        } else {
            slice = byValue.headMap(upper, upperInclusive);
        }
        Set<P> found = new LinkedHashSet<>();
        slice.values().forEach(found::addAll);
        return new ArrayList<>(found);
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        Entry<P> entry = entryOf(document, position);
        byId.put(document.get("_id"), entry);
        index(entry);
    }

    @Override
    public synchronized P remove(Document document) {
        Entry<P> entry = byId.remove(document.get("_id"));
        if (entry == null) {
            return null;
        }
        unindex(entry);
        return entry.position();
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
            MongoCollection<P> collection) {
        Entry<P> entry = entryOf(newDocument, position);
        Entry<P> old = byId.put(newDocument.get("_id"), entry);
        if (entry.equals(old)) {
            return; // most updates leave the indexed field alone
        }
        if (old != null) {
            unindex(old);
        }
        index(entry);
    }

    private Entry<P> entryOf(Document document, P position) {
        List<Object> values = new ArrayList<>();
        boolean reached = collect(document, 0, values);
        return new Entry<>(position, values, reached);
    }

    private void index(Entry<P> entry) {
        if (entry.present()) {
            present.add(entry.position());
        }
        for (Object value : entry.values()) {
            try {
                byValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(entry.position());
            } catch (RuntimeException unordered) {
                // A value the server cannot order: this index stops narrowing anything (queries scan, as before),
                // and the write goes on.
                usable = false;
            }
        }
    }

    private void unindex(Entry<P> entry) {
        present.remove(entry.position());
        for (Object value : entry.values()) {
            Set<P> positions;
            try {
                positions = byValue.get(value);
            } catch (RuntimeException unordered) {
                continue;
            }
            if (positions != null) {
                positions.remove(entry.position());
                if (positions.isEmpty()) {
                    byValue.remove(value);
                }
            }
        }
    }

    /**
     * Collects the values at {@code path} from {@code step} on, going into every element of an array on the way, as a
     * MongoDB query on a dotted path does; an array at the end contributes its elements.
     *
     * @return whether the path leads to anything at all (a null or an empty array included), for {@code $exists}
     */
    private boolean collect(Object node, int step, List<Object> into) {
        if (step == path.size()) {
            if (node instanceof Collection<?> elements) {
                elements.stream().filter(e -> e != null).forEach(into::add);
            } else if (node != null) {
                into.add(node);
            }
            return true;
        }
        if (node instanceof Document document) {
            String name = path.get(step);
            return document.containsKey(name) && collect(document.get(name), step + 1, into);
        }
        if (node instanceof Collection<?> elements) {
            boolean reached = false;
            for (Object element : elements) {
                if (element instanceof Document) {
                    reached |= collect(element, step, into);
                }
            }
            return reached;
        }
        return false;
    }

    private Collection<P> copy(Set<P> positions) {
        return positions == null ? List.of() : new ArrayList<>(positions);
    }

    private static boolean plain(Object value) {
        return IndexedLookups.plain(value);
    }

    @Override
    public P getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
    }

    /** Never chosen by the server's own planner: {@link IndexedLookups} asks {@link #candidates} instead. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        Collection<P> found = candidates(query.get(field));
        if (found == null) {
            throw new UnsupportedOperationException("not narrowed by " + getName() + ": " + query);
        }
        return found;
    }

    @Override
    public synchronized long getCount() {
        return byId.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public synchronized void drop() {
        byValue.clear();
        present.clear();
        byId.clear();
    }
}
