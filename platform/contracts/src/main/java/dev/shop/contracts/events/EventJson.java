package dev.shop.contracts.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of events, shared by producers and consumers so both sides agree on dates, nulls and unknown
 * fields.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventJson() {
    }

    /** The mapper used for envelopes and payloads. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Wraps a payload record into a new envelope with a fresh event id. */
    public static EventEnvelope wrap(String type, int version, String source, String aggregateId,
            String correlationId, Object data) {
        try {
            // Through bytes rather than valueToTree, so the tree has the node types a reader of the record will see.
            return new EventEnvelope(UUID.randomUUID(), type, version, Instant.now(), source, aggregateId,
                    correlationId, MAPPER.readTree(MAPPER.writeValueAsBytes(data)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Binds the payload to the record of the event's type. */
    public static <T> T dataAs(EventEnvelope envelope, Class<T> type) {
        try {
            return MAPPER.treeToValue(envelope.data(), type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("payload of " + envelope.type() + " does not match "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static String write(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads an envelope from a record value.
     *
     * @throws MalformedEventException when the value is not an envelope; such a record belongs on the dead-letter
     *         topic, retrying it cannot help
     */
    public static EventEnvelope read(String json) {
        try {
            return MAPPER.readValue(json, EventEnvelope.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("not an event envelope: " + e.getMessage(), e);
        }
    }

    /** A record that cannot be read as the event it claims to be. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
