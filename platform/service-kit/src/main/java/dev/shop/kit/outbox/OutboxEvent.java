package dev.shop.kit.outbox;

import java.util.Date;

/**
 * An event waiting inside its aggregate's document to be published (docs/architecture.md). The aggregate document has an
 * {@code outbox} array of these; the state change and the event are written by the same single-document update, so
 * one cannot exist without the other. The {@link OutboxRelay} publishes them and removes them once Kafka acknowledged.
 * <p>
 * A mutable bean (not a record) so the MongoDB POJO codec of any service can store it inside its documents.
 */
public class OutboxEvent {

    /** Name of the array field holding pending events in an aggregate document. */
    public static final String FIELD = "outbox";
    /** Name of the array field holding events the broker kept refusing, moved aside by the relay. */
    public static final String PARKED_FIELD = "outboxParked";

    private String eventId;
    private String topic;
    private String key;
    private String type;
    private String correlationId;
    /** The whole envelope as JSON, exactly as it goes on the wire. */
    private String envelope;
    private Date createdAt;
    /** How often the broker refused this event so far (see {@link OutboxConfig#maxAttempts()}). */
    private int attempts;
    /** The broker's last refusal, for whoever looks at a parked event. */
    private String lastError;

    public OutboxEvent() {
    }

    public OutboxEvent(String eventId, String topic, String key, String type, String correlationId, String envelope,
            Date createdAt) {
        this.eventId = eventId;
        this.topic = topic;
        this.key = key;
        this.type = type;
        this.correlationId = correlationId;
        this.envelope = envelope;
        this.createdAt = createdAt;
    }

    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getCorrelationId() {
        return correlationId;
    }

    public void setCorrelationId(String correlationId) {
        this.correlationId = correlationId;
    }

    public String getEnvelope() {
        return envelope;
    }

    public void setEnvelope(String envelope) {
        this.envelope = envelope;
    }

    public Date getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Date createdAt) {
        this.createdAt = createdAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public void setAttempts(int attempts) {
        this.attempts = attempts;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }

    @Override
    public String toString() {
        return "OutboxEvent[" + type + " " + eventId + " -> " + topic + "]";
    }
}
