package dev.shop.local;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import dev.shop.contracts.events.Topics;

class InfrastructureTest {

    @TempDir
    Path dataDir;

    @BeforeAll
    static void quietLogging() {
        InfraMain.quietenLibraryLogging();
    }

    @Test
    void dataSurvivesACleanRestart() {
        InfraSettings settings = new InfraSettings("127.0.0.1", TestComponents.freePort(), TestComponents.freePort(),
                TestComponents.freePort(), TestComponents.freePort(), 1);
        HealthCheck health = HealthCheck.tcpAndHttp(
                List.of(settings.mongoPort(), settings.kafkaPort(), settings.kafkaControllerPort()),
                settings.healthUrl());

        try (Infrastructure infra = Infrastructure.start(dataDir, settings)) {
            assertThat(health.isUp()).isTrue();
            try (MongoClient mongo = MongoClients.create(infra.mongoConnectionString())) {
                mongo.getDatabase("shop_catalog").getCollection("products")
                        .insertOne(new Document("_id", "p-1").append("name", "Kettle"));
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.ORDERS, "o-1", "{\"type\":\"OrderPlaced\"}")).get();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        assertThat(health.isUp()).as("health after close").isFalse();

        try (Infrastructure infra = Infrastructure.start(dataDir, settings)) {
            try (MongoClient mongo = MongoClients.create(infra.mongoConnectionString())) {
                Document product = mongo.getDatabase("shop_catalog").getCollection("products").find().first();
                assertThat(product).isNotNull();
                assertThat(product.getString("name")).isEqualTo("Kettle");
            }
            assertThat(readAll(infra.kafkaBootstrapServers(), Topics.ORDERS)).containsExactly("o-1");
        }
    }

    private static List<String> readAll(String bootstrapServers, String topic) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "infra-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (keys.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
        }
        return keys;
    }
}
