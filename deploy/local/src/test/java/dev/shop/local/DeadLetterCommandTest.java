package dev.shop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.shop.kit.messaging.DeadLetterTopics;
import dev.shop.testkit.EmbeddedKafka;

/** {@code ./shop dlq} against a real broker: list, show with the reason, replay once. */
class DeadLetterCommandTest {

    private static final String DLQ = "shop.dlq.catalog-service.orders";
    private static final String ORIGINAL = "shop.orders.v1";

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void broker() throws Exception {
        kafka = EmbeddedKafka.ephemeral();
        kafka.createTopics(List.of(DLQ, ORIGINAL));
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterTopics.REASON, bytes("stock service down"));
        headers.add(DeadLetterTopics.ORIGINAL_TOPIC, bytes(ORIGINAL));
        headers.add("event-type", bytes("OrderPlaced"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(DLQ, null, "order-1", "{\"type\":\"OrderPlaced\"}", headers)).get();
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void listsShowsAndReplaysADeadLetterTopicOnce() {
        DeadLetterTopics topics = new DeadLetterTopics(kafka.bootstrapServers());

        assertThat(run(topics)).contains(DLQ).containsPattern("1 records\\s+1 not replayed");
        assertThat(run(topics, "catalog-service.orders")).contains("key=order-1").contains("from=" + ORIGINAL)
                .contains("reason: stock service down").doesNotContain("(replayed)");

        assertThat(run(topics, DLQ, "replay")).contains("replayed 1 record(s)");
        List<ConsumerRecord<String, String>> replayed = read(ORIGINAL, 1);
        assertThat(replayed).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("order-1");
            assertThat(r.value()).isEqualTo("{\"type\":\"OrderPlaced\"}");
            assertThat(r.headers().lastHeader("event-type")).isNotNull();
            assertThat(r.headers().lastHeader(DeadLetterTopics.REASON)).isNull();
            assertThat(new String(r.headers().lastHeader(DeadLetterTopics.REPLAYED_FROM).value(),
                    StandardCharsets.UTF_8)).startsWith(DLQ + "/").endsWith("/0");
        });

        assertThat(run(topics, DLQ, "replay")).contains("replayed 0 record(s)");
        assertThat(run(topics)).containsPattern("1 records\\s+0 not replayed");
        assertThat(run(topics, DLQ)).contains("(replayed)");
    }

    @Test
    void anUnknownTopicIsAnErrorNotACrash() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ShopLauncher launcher = new ShopLauncher(new StackHome(dir), null, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));

        int code = launcher.dlq(List.of("no-such.topic"), new DeadLetterTopics(kafka.bootstrapServers()));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no topic shop.dlq.no-such.topic");
    }

    private static String run(DeadLetterTopics topics, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ShopLauncher launcher = new ShopLauncher(new StackHome(dir), null, new PrintStream(out),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(launcher.dlq(List.of(args), topics)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, String>> read(String topic, int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
