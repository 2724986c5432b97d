package dev.shop.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Lists and replays dead-letter topics with plain Kafka clients, opened and closed per call (no CDI: the
 * {@code ./shop dlq} command uses it as well as the services' {@code /internal/dead-letters} endpoint).
 * <p>
 * A dead letter is a record the consumer gave up on; the connector stored the reason in its headers
 * ({@code dead-letter-reason}, {@code dead-letter-cause}, {@code dead-letter-topic}, {@code dead-letter-partition},
 * {@code dead-letter-offset}). Replaying publishes each dead letter not replayed yet back to the topic it came from
 * (same key, value and headers, without the dead-letter ones, plus {@code dead-letter-replayed-from}) and then
 * commits its offset for the consumer group {@value #REPLAY_GROUP}, so a record is replayed once however often one
 * asks. Consumers deduplicate on the event id, so replaying an event that another consumer of the topic already
 * applied changes nothing there.
 */
public final class DeadLetterTopics {

    /** The consumer group whose committed offsets mark what was replayed. */
    public static final String REPLAY_GROUP = "shop-dead-letter-replay";
    /** Prefix of every dead-letter topic of the platform. */
    public static final String PREFIX = "shop.dlq.";
    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String ORIGINAL_TOPIC = "dead-letter-topic";
    public static final String ORIGINAL_PARTITION = "dead-letter-partition";
    public static final String ORIGINAL_OFFSET = "dead-letter-offset";
    public static final String REPLAYED_FROM = "dead-letter-replayed-from";

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** One dead-lettered record. */
    public record DeadLetter(String topic, int partition, long offset, Instant timestamp, String key, String value,
            String reason, String cause, String originalTopic, String originalPartition, String originalOffset,
            boolean replayed) {
    }

    /** How many records a dead-letter topic holds, and how many of them were not replayed yet. */
    public record Summary(String topic, long total, long pending) {
    }

    private final String bootstrapServers;

    public DeadLetterTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every dead-letter topic on the broker ({@value #PREFIX}...), sorted. */
    public List<String> topics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()))) {
            Set<String> names = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new ArrayList<>(new TreeSet<>(names.stream().filter(n -> n.startsWith(PREFIX)).toList()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the broker's topics: " + e.getMessage(), e);
        }
    }

    public Summary summary(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> replayed = replayedUpTo(consumer, partitions);
            long total = 0;
            long pending = 0;
            for (TopicPartition p : partitions) {
                total += end.get(p) - begin.get(p);
                pending += end.get(p) - Math.max(begin.get(p), replayed.getOrDefault(p, 0L));
            }
            return new Summary(topic, total, pending);
        }
    }

    /** The first {@code limit} records of the topic (oldest first, per partition), replayed or not. */
    public List<DeadLetter> list(String topic, int limit) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> replayed = replayedUpTo(consumer, partitions);
            List<DeadLetter> letters = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : readToEnd(consumer, partitions, null, limit)) {
                TopicPartition p = new TopicPartition(r.topic(), r.partition());
                letters.add(new DeadLetter(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                        text(r.key()), text(r.value()), header(r, REASON), header(r, CAUSE),
                        header(r, ORIGINAL_TOPIC), header(r, ORIGINAL_PARTITION), header(r, ORIGINAL_OFFSET),
                        r.offset() < replayed.getOrDefault(p, 0L)));
            }
            return letters;
        }
    }

    /**
     * Publishes every record of {@code topic} not replayed yet back to its original topic, waits for the broker's
     * acknowledgements, then marks them replayed.
     *
     * @return the number of records replayed
     */
    public int replay(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer();
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> from = replayedUpTo(consumer, partitions);
            List<ConsumerRecord<byte[], byte[]>> records = readToEnd(consumer, partitions, from, Integer.MAX_VALUE);
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                String target = header(r, ORIGINAL_TOPIC);
                if (target == null) {
                    throw new IllegalStateException("record " + r.offset() + " of " + topic + " names no original "
                            + "topic (" + ORIGINAL_TOPIC + " header); nothing was replayed");
                }
                RecordHeaders headers = new RecordHeaders();
                for (Header h : r.headers()) {
                    if (!h.key().startsWith("dead-letter-")) {
                        headers.add(h);
                    }
                }
                headers.add(REPLAYED_FROM, bytes(topic + "/" + r.partition() + "/" + r.offset()));
                sends.add(producer.send(new ProducerRecord<>(target, null, r.key(), r.value(), headers)));
                done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (!done.isEmpty()) {
                consumer.commitSync(done, TIMEOUT);
            }
            return records.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("replaying " + topic + " failed; nothing was marked replayed (records "
                    + "sent before the failure may arrive twice, which consumers absorb): " + e.getMessage(), e);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, REPLAY_GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        var infos = consumer.partitionsFor(topic, TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("no topic " + topic);
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
        consumer.assign(partitions);
        return partitions;
    }

    private static Map<TopicPartition, Long> replayedUpTo(KafkaConsumer<byte[], byte[]> consumer,
            Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        consumer.committed(Set.copyOf(partitions), TIMEOUT).forEach((p, committed) -> {
            if (committed != null) {
                offsets.put(p, committed.offset());
            }
        });
        return offsets;
    }

    /** Records from {@code from} (the beginning when null or absent) to the end offsets as they are now. */
    private static List<ConsumerRecord<byte[], byte[]>> readToEnd(KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions, Map<TopicPartition, Long> from, int limit) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
        consumer.seekToBeginning(partitions);
        for (TopicPartition p : partitions) {
            Long start = from == null ? null : from.get(p);
            if (start != null) {
                consumer.seek(p, start);
            }
        }
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (records.size() < limit && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + partitions + " to the end within " + TIMEOUT);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition p = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < end.get(p) && records.size() < limit) {
                    records.add(r);
                }
            }
        }
        records.sort(java.util.Comparator.<ConsumerRecord<byte[], byte[]>> comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : text(h.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
