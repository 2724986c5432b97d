package dev.shop.admin.application;

import org.bson.Document;

import dev.shop.contracts.events.EventEnvelope;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * Applies events to one read model. Applying an event twice, or after a newer one, leaves the model as it was, so the
 * live consumer and a replay can both write, in any interleaving, and end in the same state.
 */
public interface Projection {

    ReadModel model();

    /**
     * @param target the collection to write: the live one, or the shadow a replay fills
     * @throws dev.shop.contracts.events.EventJson.MalformedEventException when the payload cannot be read
     */
    Uni<Void> apply(EventEnvelope event, ReactiveMongoCollection<Document> target);
}
