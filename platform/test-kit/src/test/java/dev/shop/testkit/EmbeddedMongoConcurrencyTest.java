package dev.shop.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * Readers of a document that writers keep changing must always get a whole, consistent reply. The embedded server
 * changes stored documents in place and encodes replies after releasing its lock; without {@code ConsistentReplies}
 * a reply can be torn or its encoding fail, and the driver then drops the connection pool.
 */
class EmbeddedMongoConcurrencyTest {

    @Test
    void concurrentReadsOfAChangingDocumentAreConsistentInMemory() throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
            hammer(mongo);
        }
    }

    @Test
    void concurrentReadsOfAChangingDocumentAreConsistentOnFile() throws Exception {
        Path file = Files.createTempDirectory("mongo-concurrency").resolve("data.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, "127.0.0.1", EmbeddedKafka.freePort())) {
            hammer(mongo);
        }
    }

    private static void hammer(EmbeddedMongo mongo) throws Exception {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> products = client.getDatabase("race").getCollection("products");
            products.insertOne(new Document("_id", "p-1").append("stock", 0)
                    .append("holds", new ArrayList<>()).append("meta", new Document("touched", 0)));
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> readers = new ArrayList<>();
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        products.updateOne(Filters.eq("_id", "p-1"), Updates.combine(
                                Updates.inc("stock", 1),
                                Updates.push("holds", new Document("order", writer + "-" + i).append("qty", 1)),
                                Updates.set("meta.touched", i), Updates.set("meta.by" + writer, i)));
                        // Adding and removing a top-level field changes the stored document's key set, as the
                        // outbox relay's lease does.
                        products.updateOne(Filters.eq("_id", "p-1"), i % 2 == 0
                                ? Updates.set("lease" + writer, i)
                                : Updates.unset("lease" + writer));
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 4; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (running.get()) {
                        Document doc = products.find(Filters.eq("_id", "p-1")).first();
                        // A reply is a snapshot: every hold pushed so far came with its stock increment.
                        assertThat(doc.getList("holds", Document.class)).hasSize(doc.getInteger("stock"));
                        reads++;
                    }
                    return reads;
                }));
            }
            Thread.sleep(3_000);
            running.set(false);
            int reads = 0;
            for (Future<Integer> reader : readers) {
                reads += reader.get(30, TimeUnit.SECONDS);
            }
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(reads).isPositive();
        }
    }
}
