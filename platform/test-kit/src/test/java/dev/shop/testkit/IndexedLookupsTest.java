package dev.shop.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;

/**
 * Queries that pin a unique key and add conditions are answered from the index with exactly the answers of a scan:
 * the extra conditions still decide, operators and missing values still work, and a data file written by the plain H2
 * backend opens unchanged.
 */
class IndexedLookupsTest {

    @Test
    void inMemory() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
            checkAnswers(mongo);
        }
    }

    @Test
    void onFile() throws Exception {
        Path file = Files.createTempDirectory("indexed-lookups").resolve("data.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, "127.0.0.1", EmbeddedKafka.freePort())) {
            checkAnswers(mongo);
        }
    }

    @Test
    void aFileOfThePlainBackendOpensWithItsData() throws Exception {
        Path file = Files.createTempDirectory("indexed-lookups-compat").resolve("data.mv");
        H2Backend plain = new H2Backend(file.toString());
        MongoServer server = new MongoServer(plain);
        int port = EmbeddedKafka.freePort();
        server.bind("127.0.0.1", port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            client.getDatabase("compat").getCollection("orders")
                    .insertOne(new Document("_id", "o-1").append("version", 4).append("status", "CONFIRMED"));
        }
        server.shutdown();
        plain.close();

        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, "127.0.0.1", EmbeddedKafka.freePort());
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> orders = client.getDatabase("compat").getCollection("orders");
            assertThat(orders.find(Filters.and(Filters.eq("_id", "o-1"), Filters.eq("version", 4))).first())
                    .containsEntry("status", "CONFIRMED");
            assertThat(orders.countDocuments()).isEqualTo(1);
        }
    }

    /** Unique indexes answered from memory are still stored: after a restart they find, and refuse, as before. */
    @Test
    void uniqueIndexesSurviveARestartAndTheFileOpensInThePlainBackend() throws Exception {
        Path file = Files.createTempDirectory("indexed-lookups-restart").resolve("data.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, "127.0.0.1", FreePorts.next());
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> products = client.getDatabase("restart").getCollection("products");
            products.createIndex(Indexes.ascending("sku"), new IndexOptions().unique(true));
            for (int i = 0; i < 50; i++) {
                products.insertOne(new Document("_id", "p-" + i).append("sku", "S-" + i).append("version", 1));
            }
            products.deleteOne(Filters.eq("_id", "p-7"));
            products.updateOne(Filters.eq("_id", "p-8"), Updates.set("sku", "S-8b"));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, "127.0.0.1", FreePorts.next());
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> products = client.getDatabase("restart").getCollection("products");
            assertThat(products.find(Filters.and(Filters.eq("_id", "p-9"), Filters.eq("version", 1))).first())
                    .containsEntry("sku", "S-9");
            assertThat(products.find(Filters.eq("_id", "p-7")).first()).isNull();
            assertThat(products.countDocuments(Filters.eq("sku", "S-8b"))).isEqualTo(1);
            assertThatThrownBy(() -> products.insertOne(new Document("_id", "p-3")))
                    .isInstanceOf(com.mongodb.MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> products.insertOne(new Document("_id", "p-x").append("sku", "S-9")))
                    .isInstanceOf(com.mongodb.MongoWriteException.class).hasMessageContaining("duplicate key");
            // the freed values can be taken again
            products.insertOne(new Document("_id", "p-7").append("sku", "S-8"));
        }
        H2Backend plain = new H2Backend(file.toString());
        MongoServer server = new MongoServer(plain);
        int port = FreePorts.next();
        server.bind("127.0.0.1", port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> products = client.getDatabase("restart").getCollection("products");
            assertThat(products.find(Filters.eq("_id", "p-7")).first()).containsEntry("sku", "S-8");
            assertThat(products.countDocuments()).isEqualTo(50);
        } finally {
            server.shutdown();
            plain.close();
        }
    }

    private static void checkAnswers(EmbeddedMongo mongo) {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("lookups").getCollection("orders");
            docs.createIndex(Indexes.ascending("userId", "key"), new IndexOptions().unique(true));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(new Document("_id", "o-" + i).append("version", i % 7).append("userId", "u-" + (i % 50))
                        .append("key", "k-" + i).append("status", i % 2 == 0 ? "PENDING" : "CONFIRMED")
                        .append("lease", i % 3 == 0 ? null : "t-" + i));
            }
            docs.insertMany(batch);

            // _id plus a condition: the condition decides
            assertThat(docs.find(Filters.and(Filters.eq("_id", "o-10"), Filters.eq("version", 3))).first())
                    .containsEntry("key", "k-10");
            assertThat(docs.find(Filters.and(Filters.eq("_id", "o-10"), Filters.eq("version", 4))).first()).isNull();
            assertThat(docs.find(Filters.and(Filters.eq("_id", "o-10"), Filters.eq("userId", "u-11"))).first())
                    .isNull();
            // with operators beside the key, and a missing value
            assertThat(docs.countDocuments(Filters.and(Filters.eq("_id", "o-9"), Filters.eq("lease", null))))
                    .isEqualTo(1);
            assertThat(docs.countDocuments(Filters.and(Filters.eq("_id", "o-9"), Filters.exists("lease"),
                    Filters.or(Filters.eq("lease", null), Filters.eq("status", "PENDING"))))).isEqualTo(1);
            assertThat(docs.countDocuments(Filters.and(Filters.eq("_id", "o-8"), Filters.gt("version", 1))))
                    .isZero();
            // an unknown key finds nothing
            assertThat(docs.find(Filters.and(Filters.eq("_id", "o-999"), Filters.eq("version", 0))).first()).isNull();
            // the key itself as an operator: no index lookup, the same answers
            assertThat(docs.countDocuments(Filters.and(Filters.in("_id", "o-1", "o-2", "o-3"),
                    Filters.eq("status", "CONFIRMED")))).isEqualTo(2);
            // a batch by ids, alone and with a condition, with ids that do not exist and a repeated one
            assertThat(docs.countDocuments(Filters.in("_id", "o-1", "o-2", "o-3", "o-999", "o-2"))).isEqualTo(3);
            assertThat(docs.find(Filters.in("_id", "o-5", "o-4", "o-6")).into(new ArrayList<>())).extracting(
                    d -> d.getString("_id")).containsExactlyInAnyOrder("o-4", "o-5", "o-6");
            assertThat(docs.countDocuments(Filters.and(Filters.in("_id", "o-4", "o-5", "o-6"),
                    Filters.eq("status", "PENDING")))).isEqualTo(2);
            assertThat(docs.countDocuments(Filters.in("userId", "u-1", "u-2"))).isEqualTo(20);
            // a compound unique key plus a condition
            assertThat(docs.find(Filters.and(Filters.eq("userId", "u-20"), Filters.eq("key", "k-20"),
                    Filters.eq("status", "PENDING"))).first()).containsEntry("_id", "o-20");
            assertThat(docs.find(Filters.and(Filters.eq("userId", "u-20"), Filters.eq("key", "k-20"),
                    Filters.eq("status", "CONFIRMED"))).first()).isNull();
            // only part of a compound key: a scan, the same answers
            assertThat(docs.countDocuments(Filters.and(Filters.eq("userId", "u-20"), Filters.eq("status", "PENDING"))))
                    .isEqualTo(10);

            // a conditional write on the version changes the document once
            assertThat(docs.updateOne(Filters.and(Filters.eq("_id", "o-12"), Filters.eq("version", 5)),
                    Updates.combine(Updates.set("status", "SHIPPED"), Updates.inc("version", 1)))
                    .getModifiedCount()).isEqualTo(1);
            assertThat(docs.updateOne(Filters.and(Filters.eq("_id", "o-12"), Filters.eq("version", 5)),
                    Updates.set("status", "LOST")).getModifiedCount()).isZero();
            assertThat(docs.find(Filters.eq("_id", "o-12")).first()).containsEntry("status", "SHIPPED")
                    .containsEntry("version", 6);
            // and a conditional delete
            assertThat(docs.deleteOne(Filters.and(Filters.eq("_id", "o-14"), Filters.eq("lease", "wrong")))
                    .getDeletedCount()).isZero();
            assertThat(docs.deleteOne(Filters.and(Filters.eq("_id", "o-14"), Filters.eq("lease", "t-14")))
                    .getDeletedCount()).isEqualTo(1);
            assertThat(docs.countDocuments()).isEqualTo(499);
        }
    }

    /** The driver's form of Filters.and(...): the key is found inside the $and, so only its document is a candidate. */
    @Test
    void aKeyPinnedInsideAnAndIsLookedUpInTheIndex() {
        MemoryUniqueIndex ids = new MemoryUniqueIndex("_id_", List.of(new IndexKey("_id", true)), false);
        for (int i = 0; i < 100; i++) {
            ids.add(doc("_id", "o-" + i), i, null);
        }
        List<Index<Integer>> indexes = List.of(ids);

        assertThat(IndexedLookups.candidates(indexes, and(doc("_id", "o-7"), doc("version", 3))))
                .containsExactly(7);
        assertThat(IndexedLookups.candidates(indexes, and(doc("_id", "o-7"),
                doc("outbox.eventId", doc("$exists", true)),
                doc("$or", List.of(doc("lease", null), doc("lease", doc("$lt", 5)))))))
                .containsExactly(7);
        assertThat(IndexedLookups.candidates(indexes, and(and(doc("status", "A"), doc("_id", "o-9")),
                doc("version", 1)))).containsExactly(9);
        assertThat(IndexedLookups.candidates(indexes, and(doc("_id", doc("$in", List.of("o-1", "o-2"))),
                doc("status", "A")))).containsExactlyInAnyOrder(1, 2);
        assertThat(IndexedLookups.candidates(indexes, and(doc("_id", "o-999"), doc("version", 1)))).isEmpty();
        // nothing to narrow down: the key is not pinned to a plain value, is conditioned twice, or is missing
        assertThat(IndexedLookups.candidates(indexes, and(doc("_id", doc("$gt", "o-1")),
                doc("version", 1)))).isNull();
        assertThat(IndexedLookups.candidates(indexes, and(doc("_id", "o-1"), doc("_id", "o-2")))).isNull();
        assertThat(IndexedLookups.candidates(indexes, and(doc("status", "A"), doc("version", 1)))).isNull();
        assertThat(IndexedLookups.candidates(indexes, doc("$or", List.of(doc("_id", "o-1"),
                doc("_id", "o-2"))))).isNull();
        // exactly the key as a plain document: left to the server's own lookup
        assertThat(IndexedLookups.candidates(indexes, doc("_id", "o-1"))).isNull();
    }

    private static de.bwaldvogel.mongo.bson.Document and(de.bwaldvogel.mongo.bson.Document... parts) {
        return doc("$and", List.of(parts));
    }

    /** A document of the embedded server's own type. */
    private static de.bwaldvogel.mongo.bson.Document doc(String key, Object value) {
        return new de.bwaldvogel.mongo.bson.Document(key, value);
    }
}
