package dev.shop.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;

/**
 * Reads what services publish, so a test can assert on emitted events. A probe sees records written after it was
 * opened (it starts at the end of every partition), which keeps tests that share a broker apart.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private TopicProbe(String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ShopTestResources.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Opens a probe positioned at the current end of {@code topic}. */
    public static TopicProbe open(String topic) {
        return new TopicProbe(topic);
    }

    /** Waits until {@code count} records matching {@code filter} have arrived; returns every matching one. */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> filter, int count,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<String, String>> matching = seen.stream().filter(filter).collect(Collectors.toList());
            if (matching.size() >= count || System.nanoTime() > deadline) {
                if (matching.size() < count) {
                    throw new AssertionError("expected " + count + " matching records within " + timeout + ", got "
                            + matching.size() + "; all records seen: " + seen);
                }
                return matching;
            }
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
    }

    /** Waits for {@code count} events of the given type and returns their envelopes. */
    public List<EventEnvelope> awaitEvents(String type, int count, Duration timeout) {
        return await(r -> type.equals(EventJson.read(r.value()).type()), count, timeout).stream()
                .map(r -> EventJson.read(r.value()))
                .collect(Collectors.toList());
    }

    /** Keeps polling for {@code quietPeriod} and returns everything that arrived since the probe opened. */
    public List<ConsumerRecord<String, String>> drain(Duration quietPeriod) {
        long deadline = System.nanoTime() + quietPeriod.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
