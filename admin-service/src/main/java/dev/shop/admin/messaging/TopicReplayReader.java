package dev.shop.admin.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads topics for a replay with a fresh consumer of its own: no consumer group (partitions are assigned, nothing is
 * committed), so the service's live consumers and their offsets are untouched. Each pass reads from the given positions
 * (or the beginning) up to the end offsets the topics had when the pass started. Blocking: run it on a worker thread.
 */
@ApplicationScoped
public class TopicReplayReader {

    private final String bootstrapServers;

    public TopicReplayReader(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Hands every record from {@code from} (the beginning for partitions it does not name) up to the current end to
     * {@code sink}, in offset order per partition, calling {@code afterPoll} after each poll.
     *
     * @return the position reached in every partition, to continue from
     */
    public Map<TopicPartition, Long> read(List<String> topics, Map<TopicPartition, Long> from,
            Consumer<ConsumerRecord<String, String>> sink, Runnable afterPoll, Duration pollTimeout) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties(), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (TopicPartition partition : partitions) {
                Long position = from.get(partition);
                if (position != null) {
                    consumer.seek(partition, position);
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> reached = new HashMap<>();
            while (!caughtUp(consumer, partitions, end, reached)) {
                for (ConsumerRecord<String, String> record : consumer.poll(pollTimeout)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < end.get(partition)) {
                        sink.accept(record);
                    }
                }
                afterPoll.run();
            }
            return reached;
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> end, Map<TopicPartition, Long> reached) {
        boolean done = true;
        for (TopicPartition partition : partitions) {
            long position = consumer.position(partition, Duration.ofSeconds(30));
            long target = end.get(partition);
            reached.put(partition, Math.min(position, target));
            if (position < target) {
                done = false;
            }
        }
        return done;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "admin-service-replay-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return p;
    }
}
