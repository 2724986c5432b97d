package dev.shop.testkit;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Index lookups for queries that pin a unique key and add further conditions. mongo-java-server uses an index only when
 * the query names exactly the index's fields, so {@code {_id: x, version: 3}} (every conditional write of an aggregate),
 * {@code {_id: x, userId: u}} (an owner's read) or {@code {_id: x, leaseToken: t}} (the outbox relay) scanned and
 * decoded the whole collection, under the collection's lock — about 25 ms on 5,000 products, 60 ms on 6,000
 * processed-event markers, and every other operation on that collection waited meanwhile. Real MongoDB answers all of
 * them from the {@code _id} index. Here, when every field of a unique index has a plain value in the query (not an
 * operator, a document, an array, a regular expression or null), the candidates come from that index and the whole
 * query is then matched against them as before: the same answer, found the way MongoDB finds it. The same goes for
 * {@code {_id: {$in: [...]}}}, a batch read by ids, which scanned too, and for conditions combined with a top-level
 * {@code $and}, the form the driver gives {@code Filters.and(...)}. Non-unique indexes, which the server ignores, are
 * {@link SecondaryIndex}es here, and narrow down whatever no unique key pins.
 */
final class IndexedLookups {

    private static final String AND = "$and";

    private IndexedLookups() {
    }

    /** The positions an index gives for the query (a unique one first), or null when no index narrows it down. */
    static <P> Iterable<P> candidates(List<Index<P>> indexes, Document query) {
        Document conditions = conjunction(query);
        // Exactly the index's fields, written as a plain document: the server's own lookup handles that.
        boolean plainDocument = !query.containsKey(AND);
        for (Index<P> index : indexes) {
            if (index instanceof SecondaryIndex<P>) {
                continue;
            }
            List<IndexKey> fields = index.getKeys();
            if (fields.size() == 1 && conditions.get(fields.get(0).getKey()) instanceof Document condition) {
                Iterable<P> found = anyOf(index, fields.get(0).getKey(), condition);
                if (found != null) {
                    return found;
                }
                continue;
            }
            if (plainDocument && query.size() < 2) {
                continue;
            }
            Document key = new Document();
            for (IndexKey field : fields) {
                Object value = conditions.get(field.getKey());
                if (!plain(value)) {
                    key = null;
                    break;
                }
                key.put(field.getKey(), value);
            }
            if (key != null && (!plainDocument || key.size() < query.size()) && index.canHandle(key)) {
                return index.getPositions(key);
            }
        }
        return narrowest(indexes, conditions);
    }

    /** The smallest set of candidates a non-unique index gives for the query, or null when none narrows it down. */
    private static <P> Collection<P> narrowest(List<Index<P>> indexes, Document conditions) {
        Collection<P> best = null;
        for (Index<P> index : indexes) {
            if (index instanceof SecondaryIndex<P> secondary && conditions.containsKey(secondary.field())) {
                Collection<P> found;
                try {
                    found = secondary.candidates(conditions.get(secondary.field()));
                } catch (RuntimeException unordered) {
                    continue; // a bound the server cannot order: this index does not narrow the query down
                }
                if (found != null && (best == null || found.size() < best.size())) {
                    best = found;
                }
            }
        }
        return best;
    }

    /**
     * The query's conditions with top-level {@code $and}s flattened into one document: the driver writes
     * {@code Filters.and(eq("_id", x), eq("version", 3))} as {@code {$and: [{_id: x}, {version: 3}]}}, which names no
     * field at the top. Every matching document meets each of them, so a unique key pinned in any of them narrows the
     * search down without changing its answer. A field conditioned twice is left out (it pins nothing here).
     */
    static Document conjunction(Document query) {
        if (!query.containsKey(AND)) {
            return query;
        }
        Document conditions = new Document();
        Set<String> repeated = new LinkedHashSet<>();
        collect(query, conditions, repeated, 0);
        repeated.forEach(conditions::remove);
        return conditions;
    }

    private static void collect(Document query, Document into, Set<String> repeated, int depth) {
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            if (AND.equals(entry.getKey()) && entry.getValue() instanceof Collection<?> parts && depth < 8) {
                for (Object part : parts) {
                    if (part instanceof Document conjunct) {
                        collect(conjunct, into, repeated, depth + 1);
                    }
                }
            } else if (into.containsKey(entry.getKey())) {
                repeated.add(entry.getKey());
            } else if (!AND.equals(entry.getKey())) {
                into.put(entry.getKey(), entry.getValue());
            }
        }
    }

    /**
     * {@code {field: {$in: [plain values]}}} on a single-field unique index: the union of each value's position (a
     * batch read by ids, such as the prices of a cart's lines), or null for any other condition.
     */
    private static <P> Iterable<P> anyOf(Index<P> index, String field, Document condition) {
        if (condition.size() != 1 || !(condition.get("$in") instanceof Collection<?> values) || values.isEmpty()
                || values.size() > 1000) {
            return null;
        }
        Set<P> positions = new LinkedHashSet<>();
        for (Object value : values) {
            Document key = new Document(field, value);
            if (!plain(value) || !index.canHandle(key)) {
                return null;
            }
            index.getPositions(key).forEach(positions::add);
        }
        return positions;
    }

    /**
     * A value an equality or a range compares directly: a string, a number (not NaN), a boolean, a date, an id. Not a
     * document, an array, a regular expression, null or anything else with a meaning of its own in a query.
     */
    static boolean plain(Object value) {
        if (value instanceof Double d) {
            return !d.isNaN();
        }
        if (value instanceof Float f) {
            return !f.isNaN();
        }
        return value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof java.time.Instant
                || value instanceof de.bwaldvogel.mongo.bson.ObjectId || value instanceof java.util.UUID
                || value instanceof de.bwaldvogel.mongo.bson.LegacyUUID
                || value instanceof de.bwaldvogel.mongo.bson.BsonTimestamp;
    }

    /** The H2 MVStore backend (the local stack's persistent store) with index lookups. */
    static final class H2 extends H2Backend {

        H2(String file) {
            super(file);
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new H2IndexedDatabase(databaseName, getMvStore(), getCursorRegistry());
        }

        /** Inner, not nested: H2Database opens its existing collections in its constructor, before own fields are set. */
        final class H2IndexedDatabase extends H2Database {

            H2IndexedDatabase(String name, MVStore store, CursorRegistry cursors) {
                super(name, store, cursors);
            }

            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName,
                    CollectionOptions options) {
                // The map names H2Database itself uses, so that existing data files open unchanged.
                String namespace = getFullCollectionNamespace(collectionName);
                MVMap<Object, Document> data = getMvStore().openMap("databases." + namespace);
                MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
                return new H2IndexedCollection(this, collectionName, options, data, meta, cursorRegistry);
            }

            @Override
            protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                    List<IndexKey> keys, boolean sparse) {
                return new SecondaryIndex<>(indexName, keys, sparse);
            }

            /** The map name H2Database itself uses for the index, so that existing data files open unchanged. */
            @Override
            protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
                    List<IndexKey> keys, boolean sparse) {
                MVMap<KeyValue, Object> stored = getMvStore()
                        .openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName);
                return new MirroredUniqueIndex(stored, indexName, keys, sparse);
            }
        }
    }

    static final class H2IndexedCollection extends H2Collection {

        H2IndexedCollection(MongoDatabase database, String name, CollectionOptions options,
                MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            long start = System.nanoTime();
            Iterable<Object> candidates = candidates(getIndexes(), query);
            QueryResult result = candidates == null
                    ? super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector)
                    : matchDocuments(query, candidates, orderBy, skip, limit, batchSize, fieldSelector);
            if (QueryReport.INSTANCE.enabled()) {
                QueryReport.INSTANCE.record(getFullName(), query,
                        candidates != null || getIndexes().stream().anyMatch(index -> index.canHandle(query)),
                        System.nanoTime() - start);
            }
            return result;
        }
    }

    /** The in-memory backend (tests) with index lookups. */
    static final class Memory extends MemoryBackend {

        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new MemoryIndexedDatabase(databaseName, getCursorRegistry());
        }
    }

    static final class MemoryIndexedDatabase extends MemoryDatabase {

        MemoryIndexedDatabase(String name, CursorRegistry cursors) {
            super(name, cursors);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new MemoryIndexedCollection(this, collectionName, options, cursorRegistry);
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName,
                List<IndexKey> keys, boolean sparse) {
            return new SecondaryIndex<>(indexName, keys, sparse);
        }
    }

    static final class MemoryIndexedCollection extends MemoryCollection {

        MemoryIndexedCollection(MongoDatabase database, String name, CollectionOptions options,
                CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            long start = System.nanoTime();
            Iterable<Integer> candidates = candidates(getIndexes(), query);
            QueryResult result = candidates == null
                    ? super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector)
                    : matchDocuments(query, candidates, orderBy, skip, limit, batchSize, fieldSelector);
            if (QueryReport.INSTANCE.enabled()) {
                QueryReport.INSTANCE.record(getFullName(), query,
                        candidates != null || getIndexes().stream().anyMatch(index -> index.canHandle(query)),
                        System.nanoTime() - start);
            }
            return result;
        }
    }
}
