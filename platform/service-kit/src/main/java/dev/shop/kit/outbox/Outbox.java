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
 * Makes outbox events: an envelope for a payload (named and routed by its {@link EventContract}), correlated with the
 * current request. Services do not call it directly: the {@link dev.shop.kit.aggregate.AggregateStore} turns the
 * payloads a domain command returns into outbox events and appends them in the same write as the state change.
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
