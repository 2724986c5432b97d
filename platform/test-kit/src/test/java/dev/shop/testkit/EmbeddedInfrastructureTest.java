package dev.shop.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;

class EmbeddedInfrastructureTest {

    @Test
    void kafkaBrokerCarriesRecordsEndToEnd() throws Exception {
        ShopTestResources.startShared();
        try (TopicProbe probe = TopicProbe.open(Topics.ORDERS);
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ShopTestResources.kafkaBootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
            String value = EventJson.write(EventJson.wrap("OrderPlaced", 1, "test", "o-1", null, Map.of("a", 1)));
            producer.send(new ProducerRecord<>(Topics.ORDERS, "o-1", value)).get();

            var events = probe.awaitEvents("OrderPlaced", 1, Duration.ofSeconds(20));

            assertThat(events.get(0).aggregateId()).isEqualTo("o-1");
        }
    }

    @Test
    void mongoServerDoesAtomicConditionalUpdates() {
        ShopTestResources.startShared();
        try (MongoClient client = MongoClients.create(ShopTestResources.mongoConnectionString())) {
            MongoCollection<Document> stock = client.getDatabase("kit_test").getCollection("stock");
            stock.insertOne(new Document("_id", "p-1").append("stock", 1));

            long first = stock.updateOne(Filters.and(Filters.eq("_id", "p-1"), Filters.gte("stock", 1)),
                    Updates.inc("stock", -1)).getModifiedCount();
            long second = stock.updateOne(Filters.and(Filters.eq("_id", "p-1"), Filters.gte("stock", 1)),
                    Updates.inc("stock", -1)).getModifiedCount();

            assertThat(first).isEqualTo(1);
            assertThat(second).isZero();
            assertThat(stock.find().first().getInteger("stock")).isZero();
        }
    }

    @Test
    void persistentMongoKeepsDataAcrossRestart() throws Exception {
        Path file = Files.createTempDirectory("mongo-file").resolve("data.mv");
        try (EmbeddedMongo first = EmbeddedMongo.persistent(file, "127.0.0.1", EmbeddedKafka.freePort());
                MongoClient client = MongoClients.create(first.connectionString())) {
            client.getDatabase("kit_test").getCollection("kept").insertOne(new Document("_id", "x"));
        }
        try (EmbeddedMongo second = EmbeddedMongo.persistent(file, "127.0.0.1", EmbeddedKafka.freePort());
                MongoClient client = MongoClients.create(second.connectionString())) {
            assertThat(client.getDatabase("kit_test").getCollection("kept").countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void issuerServesItsKeysAndTokensCarryTheKid() {
        String token = TestTokens.customer("user-1");

        String header = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]));

        assertThat(header).contains("\"kid\":\"" + TestIssuer.shared().currentKey().getKeyId() + "\"")
                .contains("RS256");
        assertThat(TestTokens.unsigned("u")).endsWith(".");
    }
}
