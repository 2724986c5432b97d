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

    @Test
    void theBrokerStopsAndStartsOnItsOwnWhileMongoStaysUpAndKeepsItsRecords() throws Exception {
        InfraSettings settings = new InfraSettings("127.0.0.1", TestComponents.freePort(), TestComponents.freePort(),
                TestComponents.freePort(), TestComponents.freePort(), 1);
        HealthCheck health = HealthCheck.tcpAndHttp(List.of(settings.mongoPort()), settings.healthUrl());
        InfraControl control = new InfraControl(settings);

        try (Infrastructure infra = Infrastructure.start(dataDir, settings)) {
            publish(infra.kafkaBootstrapServers(), "o-1");
            assertThat(control.kafkaState()).isEqualTo("{\"kafka\":\"running\"}");

            assertThat(control.stopKafka()).isEqualTo("{\"kafka\":\"stopped\"}");
            assertThat(HealthCheck.accepts(settings.kafkaPort())).as("broker port while stopped").isFalse();
            assertThat(health.isUp()).as("health while the broker is stopped").isFalse();
            try (MongoClient mongo = MongoClients.create(infra.mongoConnectionString())) {
                mongo.getDatabase("shop_order").getCollection("orders").insertOne(new Document("_id", "o-2"));
            }
            assertThat(control.stopKafka()).as("a second stop").isEqualTo("{\"kafka\":\"stopped\"}");

            assertThat(control.startKafka()).isEqualTo("{\"kafka\":\"running\"}");
            assertThat(health.isUp()).as("health after the restart").isTrue();
            publish(infra.kafkaBootstrapServers(), "o-2");
            assertThat(readAll(infra.kafkaBootstrapServers(), Topics.ORDERS, 2)).containsExactly("o-1", "o-2");
            try (MongoClient mongo = MongoClients.create(infra.mongoConnectionString())) {
                assertThat(mongo.getDatabase("shop_order").getCollection("orders").countDocuments()).isEqualTo(1);
            }
        }
    }

    @Test
    void theKafkaCommandSaysSoWhenNoInfrastructureAnswers() {
        InfraSettings nobody = new InfraSettings("127.0.0.1", 1, 1, 1, TestComponents.freePort(), 1);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        ShopLauncher launcher = new ShopLauncher(new StackHome(dataDir), null,
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err, true));

        assertThat(launcher.kafka(List.of("stop"), new InfraControl(nobody))).isEqualTo(1);
        assertThat(err.toString()).contains("does not answer").contains("is the stack running?");
        assertThat(launcher.kafka(List.of("pause"), new InfraControl(nobody))).isEqualTo(2);
    }

    private static void publish(String bootstrapServers, String key) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.ORDERS, key, "{\"type\":\"OrderPlaced\"}")).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> readAll(String bootstrapServers, String topic) {
        return readAll(bootstrapServers, topic, 1);
    }

    private static List<String> readAll(String bootstrapServers, String topic, int atLeast) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "infra-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (keys.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
        }
        return keys;
    }
}
