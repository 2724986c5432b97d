package dev.shop.cart.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import dev.shop.cart.domain.CatalogueProduct;
import dev.shop.cart.support.CatalogEvents;
import dev.shop.cart.support.CatalogEvents.Product;
import dev.shop.cart.support.Eventually;
import dev.shop.cart.support.FakeCatalog;
import dev.shop.cart.support.ReadModel;
import dev.shop.contracts.events.Topics;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A cart-service starting on an empty database while its consumer group has already read the whole product topic
 * (its committed offsets are at the end), and a product fetched from the catalogue already stored: the read model
 * must be rebuilt from the beginning of the topic anyway.
 */
@QuarkusTest
@TestProfile(ColdStartTest.EmptyReadModel.class)
@WithTestResource(ShopTestResources.class)
class ColdStartTest {

    // Fixed names (the broker and the database are the test JVM's own): the profile and the resource below are loaded
    // by different class loaders, so a random suffix would differ between them.
    static final String GROUP = "cart-cold-start";
    static final String DATABASE = "shop_cart_cold_start";

    public static class EmptyReadModel implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mongodb.database", DATABASE,
                    "mp.messaging.incoming.products.group.id", GROUP,
                    "mp.messaging.incoming.orders.group.id", GROUP);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PublishedBeforeStart.class));
        }
    }

    /** Publishes products before the application starts, then marks the whole topic as read by its group. */
    public static class PublishedBeforeStart implements QuarkusTestResourceLifecycleManager {

        static Product created;
        static Product updated;

        @Override
        public Map<String, String> start() {
            created = Product.active(1_234, 7);
            Product original = Product.active(2_000, 3);
            updated = original.withPrice(2_500);
            try (CatalogEvents catalog = new CatalogEvents()) {
                catalog.create(created);
                catalog.create(original);
                catalog.update(updated, "price");
            }
            commitEndOffsets();
            fetchedBeforeTheFirstAssignment();
            return Map.of();
        }

        /** A request may make the service fetch a product from the catalogue before the consumer gets its partitions. */
        private static void fetchedBeforeTheFirstAssignment() {
            try (MongoClient mongo = MongoClients.create(ShopTestResources.mongoConnectionString())) {
                mongo.getDatabase(DATABASE).getCollection("products").insertOne(new Document("_id",
                        CatalogEvents.newProductId()).append("name", "Fetched").append("price", 100L)
                        .append("currency", "INR").append("status", "active").append("stock", 1)
                        .append("version", 1L).append("source", "catalog-fetch"));
            }
        }

        private static void commitEndOffsets() {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ShopTestResources.kafkaBootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                    new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.CATALOG_PRODUCTS, Duration.ofSeconds(30))
                        .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                Map<TopicPartition, OffsetAndMetadata> end = consumer.endOffsets(partitions).entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
                consumer.commitSync(end);
            }
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void anEmptyReadModelIsRebuiltFromTheBeginningOfTheTopic() {
        CatalogueProduct first = Eventually.await("the replayed product", () -> ReadModel.product(
                PublishedBeforeStart.created.id()), found -> found.isPresent()).orElseThrow();
        CatalogueProduct second = Eventually.await("the replayed update", () -> ReadModel.product(
                PublishedBeforeStart.updated.id()), found -> found.isPresent() && found.get().version() == 2)
                .orElseThrow();

        assertThat(first.price().amount()).isEqualTo(1_234);
        assertThat(first.stock()).isEqualTo(7);
        assertThat(second.price().amount()).isEqualTo(2_500);
        assertThat(FakeCatalog.calls(PublishedBeforeStart.created.id())).isZero();
    }
}
