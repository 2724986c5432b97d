package dev.shop.kit.outbox;

import java.util.Date;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.model.Updates;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.EventContracts;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.kit.request.RequestContext;

/**
 * Makes outbox events for an aggregate's document write. Typical use in an application service:
 *
 * <pre>
 * OutboxEvent event = outbox.event(Topics.ORDERS, "OrderPlaced", 1, order.id(), payload);
 * collection.updateOne(and(eq("_id", id), eq("version", v)), combine(set(...), inc("version", 1), outbox.append(event)))
 *         .invoke(() -> relay.publishSoon("orders", id));
 * </pre>
 *
 * or, for a new document, put the events in its {@code outbox} list before inserting it.
 */
@ApplicationScoped
public class Outbox {

    private final String source;

    public Outbox(@ConfigProperty(name = "quarkus.application.name") String source) {
        this.source = source;
    }

    /** An event of {@code type} about aggregate {@code aggregateId}, correlated with the current request. */
    public OutboxEvent event(String topic, String type, int version, String aggregateId, Object data) {
        String correlationId = RequestContext.currentId();
        EventEnvelope envelope = EventJson.wrap(type, version, source, aggregateId, correlationId, data);
        return new OutboxEvent(envelope.eventId().toString(), topic, aggregateId, type, correlationId,
                EventJson.write(envelope), Date.from(envelope.occurredAt()));
    }

    /**
     * An event about aggregate {@code aggregateId} (also its key), named and routed by the payload's
     * {@link EventContract}.
     */
    public OutboxEvent event(String aggregateId, Object payload) {
        EventContracts.Contract contract = EventContracts.of(payload);
        return event(contract.topic(), contract.type(), contract.version(), aggregateId, payload);
    }

    /** The update part that appends events to a document's outbox, in order. */
    public Bson append(List<OutboxEvent> events) {
        return Updates.pushEach(OutboxEvent.FIELD, events);
    }

    public Bson append(OutboxEvent event) {
        return append(List.of(event));
    }
}
