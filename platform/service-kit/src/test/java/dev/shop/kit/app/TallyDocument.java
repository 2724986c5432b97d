package dev.shop.kit.app;

import java.util.ArrayList;
import java.util.List;

import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.panache.common.MongoEntity;

@MongoEntity(collection = "tallies")
public class TallyDocument {
    public String id;
    public String name;
    public long total;
    public boolean closed;
    public String note;
    public long version;
    /** Only used by a store configured with {@code withVersionField("revision")} (see AggregateStoreTest). */
    public long revision;
    public java.util.Date touchedAt;
    public List<OutboxEvent> outbox = new ArrayList<>();
}
