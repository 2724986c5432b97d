package dev.shop.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.backend.IndexKey;

/**
 * Non-unique indexes narrow queries down and never change an answer: every query below gets exactly the answer of the
 * same query on an unindexed copy of the collection, before and after updates and deletes, in memory and on file, and
 * after the file is opened again (the index is rebuilt from the documents).
 */
class SecondaryIndexTest {

    private static final long T0 = 1_780_000_000_000L;

    @Test
    void inMemoryTheAnswersAreThoseOfAScan() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> indexed = client.getDatabase("secondary").getCollection("indexed");
            MongoCollection<Document> plain = client.getDatabase("secondary").getCollection("plain");
            fill(indexed, plain);
            sameAnswers(indexed, plain);
            mutate(indexed);
            mutate(plain);
            sameAnswers(indexed, plain);
        }
    }

    @Test
    void onFileTheIndexIsRebuiltWhenTheFileOpensAgain() throws Exception {
        Path file = Files.createTempDirectory("secondary-index").resolve("data.mv");
        int port = FreePorts.next();
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, "127.0.0.1", port);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> indexed = client.getDatabase("secondary").getCollection("indexed");
            MongoCollection<Document> plain = client.getDatabase("secondary").getCollection("plain");
            fill(indexed, plain);
            mutate(indexed);
            mutate(plain);
            sameAnswers(indexed, plain);
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, "127.0.0.1", FreePorts.next());
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> indexed = client.getDatabase("secondary").getCollection("indexed");
            MongoCollection<Document> plain = client.getDatabase("secondary").getCollection("plain");
            sameAnswers(indexed, plain);
            // written after the reopening: indexed as well
            indexed.insertOne(product(10_000, new Random(1)));
            plain.insertOne(product(10_000, new Random(1)));
            sameAnswers(indexed, plain);
        }
    }

    /** The candidates are the documents that can match, not the whole collection. */
    @Test
    void onlyDocumentsThatCanMatchAreCandidates() {
        SecondaryIndex<Integer> pending = new SecondaryIndex<>("outbox_pending",
                List.of(new IndexKey("outbox.eventId", true)), true);
        SecondaryIndex<Integer> touched = new SecondaryIndex<>("touchedAt", List.of(new IndexKey("touchedAt", true)),
                false);
        for (int i = 0; i < 1000; i++) {
            de.bwaldvogel.mongo.bson.Document doc = doc("_id", "p-" + i)
                    .append("touchedAt", Instant.ofEpochMilli(T0 + i * 1000L))
                    .append("outbox", i % 100 == 0 ? List.of(doc("eventId", "e-" + i)) : List.of());
            pending.add(doc, i, null);
            touched.add(doc, i, null);
        }
        assertThat(pending.candidates(doc("$exists", true))).containsExactlyInAnyOrder(0, 100, 200, 300, 400, 500,
                600, 700, 800, 900);
        assertThat(pending.candidates("e-300")).containsExactly(300);
        assertThat(touched.candidates(doc("$gte", Instant.ofEpochMilli(T0 + 997_000L)))).containsExactlyInAnyOrder(997, 998,
                999);
        assertThat(touched
                .candidates(doc("$gt", Instant.ofEpochMilli(T0 + 1000L)).append("$lte", Instant.ofEpochMilli(T0 + 3000L))))
                .containsExactlyInAnyOrder(2, 3);
        assertThat(touched.candidates(doc("$gt", Instant.ofEpochMilli(T0 + 5000L)).append("$lt", Instant.ofEpochMilli(T0))))
                .isEmpty();

        // an update moves a document in the index, a removal takes it out
        de.bwaldvogel.mongo.bson.Document old = doc("_id", "p-0").append("touchedAt", Instant.ofEpochMilli(T0))
                .append("outbox", List.of(doc("eventId", "e-0")));
        de.bwaldvogel.mongo.bson.Document sent = doc("_id", "p-0").append("touchedAt", Instant.ofEpochMilli(T0 + 999_500L))
                .append("outbox", List.of());
        pending.updateInPlace(old, sent, 0, null);
        touched.updateInPlace(old, sent, 0, null);
        assertThat(pending.candidates(doc("$exists", true))).doesNotContain(0).hasSize(9);
        assertThat(touched.candidates(doc("$gte", Instant.ofEpochMilli(T0 + 999_000L)))).containsExactlyInAnyOrder(0, 999);
        assertThat(touched.remove(sent)).isEqualTo(0);
        assertThat(touched.candidates(doc("$gte", Instant.ofEpochMilli(T0 + 999_000L)))).containsExactly(999);

        // conditions a missing field can meet are not narrowed down here
        assertThat(touched.candidates(null)).isNull();
        assertThat(touched.candidates(doc("$exists", false))).isNull();
        assertThat(touched.candidates(doc("$ne", Instant.ofEpochMilli(T0)))).isNull();
        assertThat(touched.candidates(doc("$in", java.util.Arrays.asList(Instant.ofEpochMilli(T0), null)))).isNull();
    }

    private static void fill(MongoCollection<Document> indexed, MongoCollection<Document> plain) {
        indexed.createIndex(Indexes.ascending("touchedAt"));
        indexed.createIndex(Indexes.ascending("userId"));
        indexed.createIndex(Indexes.ascending("tags"));
        indexed.createIndex(Indexes.ascending("price"));
        indexed.createIndex(Indexes.ascending("outbox.eventId"), new IndexOptions().sparse(true));
        indexed.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("touchedAt")));
        indexed.createIndex(Indexes.ascending("lines.0.sku"));
        Random random = new Random(42);
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            batch.add(product(i, random));
        }
        indexed.insertMany(batch);
        plain.insertMany(batch.stream().map(d -> new Document(d)).toList());
    }

    /** Documents with every kind of value the services store, and some they never do. */
    private static Document product(int i, Random random) {
        Document doc = new Document("_id", "p-" + i)
                .append("touchedAt", new Date(T0 + random.nextInt(100) * 1000L))
                .append("status", List.of("PENDING", "CONFIRMED", "SHIPPED").get(i % 3))
                .append("lines", List.of(new Document("sku", "s-" + (i % 7)), new Document("sku", "s-" + (i % 5))));
        switch (i % 5) {
            case 0 -> doc.append("userId", "u-" + (i % 13));
            case 1 -> doc.append("userId", null);
            case 2 -> doc.append("userId", i % 13);
            case 3 -> doc.append("userId", List.of("u-" + (i % 13), "u-x"));
            default -> {
            }
        }
        doc.append("tags", i % 4 == 0 ? List.of() : List.of("t-" + (i % 3), "t-" + (i % 6)));
        doc.append("price", i % 3 == 0 ? (Object) (i * 1.5) : i % 3 == 1 ? (Object) (long) i : (Object) ("x" + i));
        if (i % 6 == 0) {
            doc.append("outbox", List.of(new Document("eventId", "e-" + i), new Document("eventId", "f-" + i)));
        } else if (i % 6 == 1) {
            doc.append("outbox", List.of());
        } else if (i % 6 == 2) {
            doc.append("outbox", List.of(new Document("other", 1)));
        }
        return doc;
    }

    private static void mutate(MongoCollection<Document> docs) {
        docs.updateMany(Filters.lt("touchedAt", new Date(T0 + 20_000L)),
                Updates.combine(Updates.set("touchedAt", new Date(T0 + 500_000L)), Updates.set("userId", "u-moved")));
        docs.updateOne(Filters.eq("_id", "p-6"), Updates.pullByFilter(new Document("outbox",
                new Document("eventId", "e-6"))));
        docs.updateOne(Filters.eq("_id", "p-12"), Updates.unset("outbox"));
        docs.updateOne(Filters.eq("_id", "p-13"), Updates.push("outbox", new Document("eventId", "g-13")));
        docs.updateMany(Filters.eq("tags", "t-1"), Updates.addToSet("tags", "t-new"));
        docs.deleteMany(Filters.eq("userId", "u-3"));
        docs.deleteOne(Filters.eq("_id", "p-30"));
    }

    private static void sameAnswers(MongoCollection<Document> indexed, MongoCollection<Document> plain) {
        List<Bson> queries = List.of(
                Filters.eq("userId", "u-1"), Filters.eq("userId", 2), Filters.eq("userId", 2L),
                Filters.eq("userId", 2.0), Filters.eq("userId", "u-x"), Filters.eq("userId", null),
                Filters.eq("userId", "u-moved"), Filters.in("userId", "u-1", "u-2", 5),
                Filters.exists("userId"), Filters.exists("userId", false), Filters.ne("userId", "u-1"),
                Filters.gt("userId", "u-5"), Filters.lte("userId", 7),
                Filters.gte("touchedAt", new Date(T0 + 50_000L)),
                Filters.and(Filters.gt("touchedAt", new Date(T0 + 10_000L)),
                        Filters.lt("touchedAt", new Date(T0 + 30_000L))),
                Filters.lt("touchedAt", new Date(T0)), Filters.gte("touchedAt", "not a date"),
                Filters.eq("tags", "t-1"), Filters.eq("tags", "t-new"), Filters.in("tags", "t-0", "t-5"),
                Filters.exists("tags"), Filters.size("tags", 0), Filters.eq("tags", List.of()),
                Filters.gt("price", 100), Filters.gte("price", 100.5), Filters.lt("price", "x2"),
                Filters.and(Filters.gte("price", 10), Filters.lte("price", 20)),
                Filters.exists("outbox.eventId"), Filters.eq("outbox.eventId", "f-18"),
                Filters.and(Filters.exists("outbox.eventId"), Filters.or(Filters.eq("lease", null),
                        Filters.lt("lease", new Date()))),
                Filters.exists("outbox.eventId", false), Filters.exists("outbox"),
                Filters.and(Filters.eq("status", "PENDING"), Filters.gte("touchedAt", new Date(T0 + 40_000L))),
                Filters.and(Filters.eq("userId", "u-1"), Filters.eq("status", "CONFIRMED")),
                Filters.eq("lines.0.sku", "s-3"), Filters.eq("lines.sku", "s-4"),
                Filters.regex("userId", "^u-1"), Filters.not(Filters.eq("userId", "u-1")),
                Filters.or(Filters.eq("userId", "u-1"), Filters.eq("tags", "t-2")));
        for (Bson query : queries) {
            assertThat(ids(indexed, query)).as("%s", query).isEqualTo(ids(plain, query));
        }
        Bson recent = Filters.gte("touchedAt", new Date(T0 + 60_000L));
        assertThat(ids(indexed.find(recent).sort(Sorts.ascending("touchedAt", "_id")).limit(10)))
                .isEqualTo(ids(plain.find(recent).sort(Sorts.ascending("touchedAt", "_id")).limit(10)));
        assertThat(indexed.countDocuments(Filters.eq("userId", "u-1")))
                .isEqualTo(plain.countDocuments(Filters.eq("userId", "u-1")));
    }

    private static List<String> ids(MongoCollection<Document> docs, Bson query) {
        return ids(docs.find(query).sort(Sorts.ascending("_id")));
    }

    private static List<String> ids(Iterable<Document> found) {
        List<String> ids = new ArrayList<>();
        found.forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    private static de.bwaldvogel.mongo.bson.Document doc(String key, Object value) {
        return new de.bwaldvogel.mongo.bson.Document(key, value);
    }
}
