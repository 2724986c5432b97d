package dev.shop.kit.aggregate;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.codecs.configuration.CodecRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.shop.kit.outbox.Outbox;
import dev.shop.kit.outbox.OutboxRelay;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;

/**
 * Makes {@link AggregateStore}s. A service's application class creates its store once, in its constructor:
 *
 * <pre>
 * public OrderCommands(OrderRepository orders, AggregateStores stores) {
 *     this.store = stores.of(orders, new OrderMapper());
 * }
 * </pre>
 *
 * and lists the collection in {@code shop.outbox.collections} so the relay's sweep recovers after a crash.
 */
@ApplicationScoped
public class AggregateStores {

    private final ReactiveMongoClient mongo;
    private final String database;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final int attempts;
    private final AggregateWrites writes;

    public AggregateStores(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            Outbox outbox, OutboxRelay relay,
            @ConfigProperty(name = "shop.aggregate.attempts", defaultValue = "20") int attempts,
            AggregateWrites writes) {
        this.mongo = mongo;
        this.database = database;
        this.outbox = outbox;
        this.relay = relay;
        this.writes = writes;
        this.attempts = Math.max(1, attempts);
    }

    /** A store for the documents of {@code repository}, mapped to aggregates by {@code mapper}. */
    public <A, D> AggregateStore<A, D> of(ReactivePanacheMongoRepositoryBase<D, ?> repository,
            AggregateMapper<A, D> mapper) {
        CodecRegistry codecs = mongo.getDatabase(database).unwrap().getCodecRegistry();
        return new AggregateStore<>(repository.mongoCollection(), codecs, mapper, outbox, relay, attempts,
                AggregateStore.Options.defaults(), writes);
    }

    /** A store with other {@link AggregateStore.Options} (another version field, a write stamp). */
    public <A, D> AggregateStore<A, D> of(ReactivePanacheMongoRepositoryBase<D, ?> repository,
            AggregateMapper<A, D> mapper, AggregateStore.Options options) {
        CodecRegistry codecs = mongo.getDatabase(database).unwrap().getCodecRegistry();
        return new AggregateStore<>(repository.mongoCollection(), codecs, mapper, outbox, relay, attempts, options, writes);
    }
}
