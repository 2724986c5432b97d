package dev.shop.system.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of the hostile-input corpus, shared by its classes: how many requests were sent, their statuses, and every
 * wrong answer.
 */
final class Corpus {

    private static final LongAdder SENT = new LongAdder();
    private static final Map<Integer, AtomicInteger> STATUSES = new ConcurrentHashMap<>();
    private static final List<String> WRONG = new ArrayList<>();

    private Corpus() {
    }

    static void answered(String request, int status, String wrong) {
        SENT.increment();
        STATUSES.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (wrong != null) {
            synchronized (WRONG) {
                WRONG.add(request + ": " + wrong);
            }
        }
    }

    static long sent() {
        return SENT.sum();
    }

    static long serverErrors() {
        return STATUSES.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(e -> e.getValue().get()).sum();
    }

    static String figures(String stage) {
        return String.format("HOSTILE INPUT %s: requests=%d statuses=%s 5xx=%d wrong=%d", stage, sent(),
                new TreeMap<>(Map.copyOf(STATUSES.entrySet().stream().collect(
                        java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())))),
                serverErrors(), WRONG.size());
    }
}
