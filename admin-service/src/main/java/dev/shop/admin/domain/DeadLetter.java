package dev.shop.admin.domain;

import java.time.Instant;

/**
 * A record found on a dead-letter topic: where it sits and what the connector said about it.
 *
 * @param topic the dead-letter topic, e.g. {@code shop.dlq.catalog-service.orders}
 * @param partition its partition
 * @param offset its offset
 * @param originalTopic the topic the record was first read from, when the connector named it
 * @param reason why it could not be processed, as the connector recorded it
 * @param key the record key (an aggregate id)
 * @param eventType the event type, when the value is a readable envelope
 * @param eventId the event id, when the value is a readable envelope
 * @param at when it was dead-lettered
 */
public record DeadLetter(String topic, int partition, long offset, String originalTopic, String reason, String key,
        String eventType, String eventId, Instant at) {

    /** The service whose consumer gave up, read from the topic name {@code shop.dlq.<service>.<channel>}. */
    public String service() {
        String[] parts = topic.split("\\.");
        return parts.length >= 4 ? parts[2] : "unknown";
    }
}
