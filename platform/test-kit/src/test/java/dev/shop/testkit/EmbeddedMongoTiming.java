package dev.shop.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * Times single operations against the persistent embedded server with the sync driver (one client thread): reads by
 * {@code _id}, batch reads of 20 ids, conditional updates on {@code {_id, version}} and a query outside any index, on
 * 5,000 documents of about 2 KB. It reports the server's CPU time per operation (its worker threads') and the
 * wall-clock time. Not a test: run it by hand (docs/performance.md says how) and read the µs/op it prints.
 *
 * <p>
 * Arguments: {@code [operations per round, default 5000] [rounds, default 5]}.
 */
public final class EmbeddedMongoTiming {

    private static final int DOCUMENTS = 5_000;

    private EmbeddedMongoTiming() {
    }

    public static void main(String[] args) throws Exception {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path file = Files.createTempDirectory("mongo-timing").resolve("data.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, "127.0.0.1", EmbeddedKafka.freePort());
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> products = client.getDatabase("timing").getCollection("products");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                batch.add(product(i));
            }
            products.insertMany(batch);
            System.out.printf(Locale.ROOT, "%d documents, %d bytes of BSON each (the first)%n", DOCUMENTS,
                    org.bson.RawBsonDocument.parse(product(0).toJson()).getByteBuffer().remaining());

            int[] versions = new int[DOCUMENTS];
            SplittableRandom random = new SplittableRandom(42);
            for (int round = 1; round <= rounds; round++) {
                String label = round == 1 ? "round 1 (warm-up)" : "round " + round;
                double byId = time(operations, i -> {
                    Document found = products.find(Filters.eq("_id", id(random.nextInt(DOCUMENTS)))).first();
                    if (found == null) {
                        throw new IllegalStateException("not found");
                    }
                });
                double byIds = time(operations, i -> {
                    List<String> ids = new ArrayList<>();
                    for (int k = 0; k < 20; k++) {
                        ids.add(id(random.nextInt(DOCUMENTS)));
                    }
                    if (products.find(Filters.in("_id", ids)).into(new ArrayList<>()).isEmpty()) {
                        throw new IllegalStateException("not found");
                    }
                });
                double update = time(operations, i -> {
                    int n = random.nextInt(DOCUMENTS);
                    long modified = products.updateOne(
                            Filters.and(Filters.eq("_id", id(n)), Filters.eq("version", versions[n])),
                            Updates.combine(Updates.inc("version", 1), Updates.set("stock", i))).getModifiedCount();
                    if (modified != 1) {
                        throw new IllegalStateException("not updated");
                    }
                    versions[n]++;
                });
                int scans = Math.max(1, operations / 50);
                double scan = time(scans, i -> products.find(Filters.eq("category", "c-" + (i % 40)))
                        .into(new ArrayList<>()));
                System.out.printf(Locale.ROOT,
                        "%n%s, server CPU: find by _id %.0f µs/op, find 20 ids by $in %.0f µs/op, conditional update"
                                + " %.0f µs/op, query outside an index (%d matches of %d) %.0f µs/op%n",
                        label, byId, byIds, update, DOCUMENTS / 40, DOCUMENTS, scan);
            }
        }
    }

    /**
     * Runs the operations and returns the embedded server's CPU time per operation in µs (its worker threads' CPU time,
     * which the client's and other processes' load does not inflate); prints the wall-clock time per operation too.
     */
    private static double time(int operations, IntConsumer operation) {
        long cpu = serverCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < operations; i++) {
            operation.accept(i);
        }
        System.out.printf(Locale.ROOT, "  (wall clock %.0f µs/op)", (System.nanoTime() - start) / 1_000.0 / operations);
        return (serverCpuNanos() - cpu) / 1_000.0 / operations;
    }

    private static long serverCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().startsWith("mongo-server-worker")) {
                total += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return total;
    }

    private static String id(int n) {
        return "p-" + n;
    }

    /** About 2 KB of BSON, shaped like a product with its variants and a few nested attributes. */
    private static Document product(int n) {
        List<Document> variants = new ArrayList<>();
        for (int v = 0; v < 8; v++) {
            variants.add(new Document("sku", "sku-" + n + "-" + v).append("size", "size-" + v)
                    .append("priceCents", 1_000L + v).append("stock", 10 + v).append("active", v % 2 == 0));
        }
        Document attributes = new Document();
        for (int a = 0; a < 10; a++) {
            attributes.append("attribute" + a, "value of attribute " + a + " for product " + n);
        }
        return new Document("_id", id(n)).append("version", 0).append("name", "Product " + n)
                .append("category", "c-" + (n % 40)).append("stock", 100).append("priceCents", 1_999L)
                .append("description", "A product description. ".repeat(30)).append("attributes", attributes)
                .append("variants", variants).append("tags", List.of("tag-" + (n % 7), "tag-" + (n % 11)));
    }
}
