package dev.shop.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.identity.SessionRevoked;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Publishes a {@code SessionRevoked} before the gateway starts, so a test can show the deny-list is rebuilt from the
 * beginning of the topic. Also the producer the revocation tests use.
 */
public class RevokedBeforeStart implements QuarkusTestResourceLifecycleManager {

    public static final String SESSION_ID = "revoked-before-start-" + ProcessHandle.current().pid();

    @Override
    public Map<String, String> start() {
        Instant now = Instant.now();
        publish(SESSION_ID, EventJson.write(EventJson.wrap("SessionRevoked", 1, "auth-service", SESSION_ID,
                "test-before-start", new SessionRevoked(SESSION_ID, "user-before-start", "logout", now,
                        now.plus(Duration.ofMinutes(30))))));
        return Map.of();
    }

    @Override
    public void stop() {
    }

    /** Writes one record to the sessions topic and waits for the broker's ack. */
    public static void publish(String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ShopTestResources.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.IDENTITY_SESSIONS, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish to " + Topics.IDENTITY_SESSIONS, e);
        }
    }
}
