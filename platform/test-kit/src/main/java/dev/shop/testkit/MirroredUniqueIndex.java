package dev.shop.testkit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;

/**
 * A unique index of the H2 file backend, stored in the same MVStore map as mongo-java-server's own (so data files open
 * unchanged either way), and answered from a hash map mirrored in memory. The stored map's keys are compound values
 * that H2 can only order by serialising both sides of every comparison: each lookup in the B-tree serialised a dozen
 * keys with Java serialisation, about 30% of the embedded server's CPU in a checkout benchmark. Lookups now cost one
 * hash; writes go to both maps, and the mirror is filled from the stored map when the database opens.
 */
final class MirroredUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> stored;
    private final Map<KeyValue, Object> mirror = new ConcurrentHashMap<>();

    MirroredUniqueIndex(MVMap<KeyValue, Object> stored, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.stored = stored;
        for (Map.Entry<KeyValue, Object> entry : stored.entrySet()) {
            mirror.put(entry.getKey(), entry.getValue());
        }
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        Object position = mirror.remove(key);
        stored.remove(key);
        return position;
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        Object value = Missing.ofNullable(position);
        if (mirror.putIfAbsent(key, value) != null) {
            return false;
        }
        stored.put(key, value);
        return true;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return mirror.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return mirror.get(key);
    }

    @Override
    public long getCount() {
        return mirror.size();
    }

    @Override
    public boolean isEmpty() {
        return mirror.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
