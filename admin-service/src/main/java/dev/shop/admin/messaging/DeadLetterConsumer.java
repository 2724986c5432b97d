package dev.shop.admin.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.admin.application.Alerts;
import dev.shop.admin.domain.AlertRules;
import dev.shop.admin.domain.DeadLetter;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import io.smallrye.mutiny.Uni;

/**
 * Watches every service's dead-letter topics ({@code shop.dlq.*}, by pattern, picking up new ones as they appear) and
 * raises one alert per dead-lettered record, naming where it came from and why the consumer gave up. The alert id is
 * the record's position, so a redelivery raises nothing new.
 */
@ApplicationScoped
public class DeadLetterConsumer {

    public static final String CHANNEL = "dead-letters";

    private final Alerts alerts;

    public DeadLetterConsumer(Alerts alerts) {
        this.alerts = alerts;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onDeadLetter(ConsumerRecord<String, String> record) {
        EventEnvelope event = envelope(record.value());
        DeadLetter letter = new DeadLetter(record.topic(), record.partition(), record.offset(),
                header(record, "dead-letter-topic"), reason(record), record.key(),
                event == null ? null : event.type(), event == null ? null : event.eventId().toString(),
                Instant.ofEpochMilli(record.timestamp()));
        return Effects.retried(() -> alerts.raise(AlertRules.deadLetter(letter)));
    }

    private static String reason(ConsumerRecord<String, String> record) {
        String reason = header(record, "dead-letter-reason");
        if (reason != null && reason.length() > 300) {
            return reason.substring(0, 300) + "…";
        }
        return reason;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static EventEnvelope envelope(String value) {
        try {
            return value == null ? null : EventJson.read(value);
        } catch (EventJson.MalformedEventException e) {
            return null;
        }
    }
}
