package dev.shop.testkit;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import de.bwaldvogel.mongo.bson.Document;

/**
 * A diagnostic of the embedded server: which query shapes it answers, how often, from an index or by scanning, and the
 * time they take. Off unless {@code SHOP_MONGO_QUERY_REPORT} (or {@code shop.mongo.query-report}) names a period in
 * seconds; then the heaviest shapes of each period are printed to standard error (the infrastructure log of the local
 * stack). A shape is the query with every value replaced by {@code ?}.
 */
final class QueryReport {

    static final QueryReport INSTANCE = fromEnvironment();

    private final boolean enabled;
    private final Map<String, Totals> shapes = new ConcurrentHashMap<>();

    private QueryReport(boolean enabled) {
        this.enabled = enabled;
    }

    private static QueryReport fromEnvironment() {
        String period = System.getProperty("shop.mongo.query-report", System.getenv("SHOP_MONGO_QUERY_REPORT"));
        if (period == null || period.isBlank()) {
            return new QueryReport(false);
        }
        QueryReport report = new QueryReport(true);
        long millis = Math.max(1, Long.parseLong(period.trim())) * 1000;
        Thread printer = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
                report.printAndReset(System.err, 20);
            }
        }, "shop-mongo-query-report");
        printer.setDaemon(true);
        printer.start();
        return report;
    }

    boolean enabled() {
        return enabled;
    }

    void record(String collection, Document query, boolean indexed, long nanos) {
        String key = (indexed ? "index " : "scan  ") + collection + " " + shape(query);
        Totals totals = shapes.computeIfAbsent(key, k -> new Totals());
        totals.count.increment();
        totals.nanos.add(nanos);
    }

    synchronized void printAndReset(PrintStream out, int top) {
        var entries = shapes.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] { e.getValue().count.sumThenReset(),
                        e.getValue().nanos.sumThenReset() }))
                .filter(e -> e.getValue()[0] > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
                .limit(top).toList();
        if (entries.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder("embedded MongoDB, heaviest query shapes (count, total ms, µs each):\n");
        for (var entry : entries) {
            long count = entry.getValue()[0];
            long nanos = entry.getValue()[1];
            text.append(String.format("  %7d %9.1f %9.1f  %s%n", count, nanos / 1e6, nanos / 1e3 / count,
                    entry.getKey()));
        }
        out.print(text);
    }

    static String shape(Object value) {
        if (value instanceof Document document) {
            StringBuilder text = new StringBuilder("{");
            for (Map.Entry<String, Object> entry : document.entrySet()) {
                if (text.length() > 1) {
                    text.append(", ");
                }
                text.append(entry.getKey()).append(": ").append(entry.getKey().startsWith("$")
                        || entry.getValue() instanceof Document ? shape(entry.getValue()) : "?");
            }
            return text.append('}').toString();
        }
        if (value instanceof Collection<?> values) {
            return values.isEmpty() ? "[]" : "[" + shape(values.iterator().next()) + (values.size() > 1 ? ", …]" : "]");
        }
        return "?";
    }

    private static final class Totals {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }
}
