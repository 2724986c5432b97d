package dev.shop.kit.app;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.kit.aggregate.AggregateMapper;
import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;

@ApplicationScoped
public class TallyRepository implements ReactivePanacheMongoRepositoryBase<TallyDocument, String> {

    public static final AggregateMapper<Tally, TallyDocument> MAPPER = new AggregateMapper<>() {
        @Override
        public Tally toDomain(TallyDocument d) {
            return new Tally(d.id, d.name, d.total, d.closed, d.note, d.version);
        }

        @Override
        public TallyDocument toDocument(Tally t) {
            TallyDocument d = new TallyDocument();
            d.id = t.id();
            d.name = t.name();
            d.total = t.total();
            d.closed = t.closed();
            d.note = t.note();
            d.version = t.version();
            return d;
        }
    };

    public AggregateStore<Tally, TallyDocument> store(AggregateStores stores) {
        return stores.of(this, MAPPER);
    }
}
