package dev.shop.contracts.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The envelope every event on a {@code shop.*} topic travels in (docs/events.md).
 * <p>
 * The record key on Kafka is {@link #aggregateId()}, so events of one aggregate keep their order. {@link #data()} is kept
 * as a JSON tree so that a consumer can read the envelope first and bind the payload to the record of {@link #type()}
 * with {@link EventJson#dataAs(EventEnvelope, Class)}; fields added to a payload inside a version are ignored by older
 * readers.
 *
 * @param eventId unique per event; consumers deduplicate on it
 * @param type event type name, e.g. {@code OrderPlaced}
 * @param version schema version of {@code data} for that type (additive changes keep the version)
 * @param occurredAt when the state change happened
 * @param source producing service, e.g. {@code order-service}
 * @param aggregateId id of the aggregate that changed; also the Kafka key
 * @param correlationId the request id of the command that caused the event, carried through the system
 * @param data the event payload
 */
public record EventEnvelope(
        UUID eventId,
        String type,
        int version,
        Instant occurredAt,
        String source,
        String aggregateId,
        String correlationId,
        JsonNode data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(aggregateId, "aggregateId");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
    }
}
