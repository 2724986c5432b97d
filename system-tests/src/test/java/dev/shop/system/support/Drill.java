package dev.shop.system.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.Topics;
import dev.shop.system.support.Checkout.Attempt;
import io.restassured.response.Response;

/**
 * Orders placed by many buyers at once, and the checks every drill ends with: each accepted order reached a final state
 * (lost = 0), none was placed or confirmed twice (duplicated = 0), and each product's stock and sold count equal what
 * the confirmed orders took, the stock never announced below zero.
 */
public final class Drill {

    private static final Set<String> FINAL = Set.of("CONFIRMED", "REJECTED");
    /** The refusals that mean "sold out": by the cart (the line would exceed the stock) or by the checkout's quote. */
    private static final Set<String> OUT_OF_STOCK = Set.of("/problems/insufficient-stock",
            "/problems/items-unavailable");

    /** A product of the drill and the stock it started with. */
    public record Stocked(String id, int initialStock) {
    }

    /** What a drill prints and asserts on. */
    public record Figures(String drill, int buyers, int placed, int confirmed, int rejected, int soldOut,
            int lost, int duplicated) {

        @Override
        public String toString() {
            return String.format("DRILL %s: buyers=%d placed=%d confirmed=%d rejected=%d refused-sold-out=%d lost=%d "
                    + "duplicated=%d", drill, buyers, placed, confirmed, rejected, soldOut, lost, duplicated);
        }
    }

    private Drill() {
    }

    // ------------------------------------------------------------------ placing

    /** Orders being placed in the background, {@code spread} apart in time, so a test can break things meanwhile. */
    public static final class Burst {
        private final ExecutorService pool;
        private final List<Future<Attempt>> futures = new ArrayList<>();
        private final AtomicInteger started = new AtomicInteger();

        private Burst(int concurrency) {
            pool = Executors.newFixedThreadPool(concurrency);
        }

        /** How many orders have been begun so far. */
        public int started() {
            return started.get();
        }

        /** Waits until at least {@code count} orders have been begun. */
        public void awaitStarted(int count, Duration timeout) {
            Await.until(count + " orders begun", timeout, this::started, n -> n >= count);
        }

        /** Every buyer's final answer, in order. */
        public List<Attempt> attempts(Duration timeout) {
            List<Attempt> attempts = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                for (Future<Attempt> future : futures) {
                    attempts.add(future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                }
                return attempts;
            } catch (Exception e) {
                throw new AssertionError("the buyers did not finish within " + timeout.toSeconds() + " s", e);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Starts one order per buyer, buyer {@code i} buying one unit of {@code product.apply(i)}, the i-th begun
     * {@code i * spread / buyers} after the first; a buyer keeps retrying transient refusals for {@code patience}.
     */
    public static Burst burst(List<Client> buyers, IntFunction<String> product, Duration spread, int concurrency,
            Duration patience) {
        Burst burst = new Burst(concurrency);
        long start = System.nanoTime();
        long step = buyers.isEmpty() ? 0 : spread.toNanos() / buyers.size();
        for (int i = 0; i < buyers.size(); i++) {
            Client buyer = buyers.get(i);
            String productId = product.apply(i);
            long notBefore = start + i * step;
            burst.futures.add(burst.pool.submit(() -> {
                long wait = notBefore - System.nanoTime();
                if (wait > 0) {
                    Await.pause(Duration.ofNanos(wait));
                }
                burst.started.incrementAndGet();
                return Checkout.buy(buyer, productId, 1, patience);
            }));
        }
        return burst;
    }

    /**
     * Every buyer puts one unit of the product in their cart first; then all of them place their order at the same
     * moment, each on a thread of its own.
     */
    public static List<Attempt> race(List<Client> buyers, String product, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        List<Callable<Attempt>> carts = buyers.stream()
                .map(b -> (Callable<Attempt>) () -> Checkout.fillCart(b, product, 1, deadline))
                .collect(Collectors.toList());
        long started = System.nanoTime();
        List<Attempt> refusedAtCart = Parallel.run(32, carts).stream().filter(a -> a != null)
                .collect(Collectors.toList());
        assertThat(refusedAtCart).as("carts filled while the stock lasts").isEmpty();
        List<Callable<Attempt>> orders = buyers.stream()
                .map(b -> (Callable<Attempt>) () -> Checkout.place(b, product, 1, deadline))
                .collect(Collectors.toList());
        long raced = System.nanoTime();
        List<Attempt> attempts = Parallel.run(buyers.size(), orders);
        System.out.printf("race: %d carts filled in %.1f s, %d orders answered in %.1f s%n", buyers.size(),
                (raced - started) / 1e9, attempts.size(), (System.nanoTime() - raced) / 1e9);
        return attempts;
    }

    // ------------------------------------------------------------------ checking

    /**
     * Waits until every placed order is final (at most {@code settle} after {@code recoveredAtNanos} or the last
     * placement, whichever is later), then checks and prints the figures; fails on any lost or duplicated order and on
     * any buyer who got something else than an order or an out-of-stock refusal.
     */
    public static Figures verify(String name, List<Attempt> attempts, List<Stocked> products, long recoveredAtNanos,
            Duration settle) {
        List<String> unexpected = attempts.stream()
                .filter(a -> !a.placed() && !soldOut(a))
                .map(a -> a.buyer().phone() + " got " + a.status() + " " + a.problemType() + " after " + a.tries()
                        + " tries")
                .collect(Collectors.toList());
        List<Attempt> placed = attempts.stream().filter(Attempt::placed).collect(Collectors.toList());
        long lastPlaced = placed.stream().mapToLong(Attempt::placedAtNanos).max().orElse(System.nanoTime());
        long deadline = Math.max(recoveredAtNanos, lastPlaced) + settle.toNanos();

        long settling = Math.max(recoveredAtNanos, lastPlaced);
        Map<String, Response> finalOrders = awaitFinal(placed, deadline);
        System.out.printf("%s: placed orders final %.1f s after the recovery or the last placement, whichever was "
                + "later%n", name, (System.nanoTime() - settling) / 1e9);
        int confirmed = 0;
        int rejected = 0;
        int confirmedTwice = 0;
        Map<String, Integer> confirmedUnits = new HashMap<>();
        List<String> lostOrders = new ArrayList<>();
        for (Attempt attempt : placed) {
            Response order = finalOrders.get(attempt.orderId());
            String status = order == null ? "no answer" : order.path("status");
            if (!FINAL.contains(status)) {
                lostOrders.add(attempt.orderId() + " (" + status + ")");
                continue;
            }
            List<String> history = order.path("statusHistory.status");
            if (history.stream().filter("CONFIRMED"::equals).count() > 1) {
                confirmedTwice++;
            }
            if (status.equals("CONFIRMED")) {
                confirmed++;
                confirmedUnits.merge(attempt.productId(), attempt.quantity(), Integer::sum);
            } else {
                rejected++;
            }
        }
        int duplicated = confirmedTwice + duplicatesAnnounced(placed, products);
        int soldOut = (int) attempts.stream().filter(Drill::soldOut).count();
        Figures figures = new Figures(name, attempts.size(), placed.size(), confirmed, rejected, soldOut,
                lostOrders.size(), duplicated);
        System.out.println(figures);

        assertThat(unexpected).as("buyers who got neither an order nor an out-of-stock refusal").isEmpty();
        assertThat(lostOrders).as("orders accepted but not CONFIRMED or REJECTED in time").isEmpty();
        assertThat(duplicated).as("orders placed or confirmed twice").isZero();
        for (Stocked product : products) {
            int units = confirmedUnits.getOrDefault(product.id(), 0);
            Await.until("stock of " + product.id() + " = " + product.initialStock() + " - " + units + " confirmed, "
                    + "sold count = " + units, Duration.ofSeconds(30), () -> Catalog.product(product.id()),
                    p -> p.statusCode() == 200 && p.<Integer> path("stock") == product.initialStock() - units
                            && p.<Integer> path("soldCount") == units);
        }
        assertThat(negativeStockAnnouncements(products)).as("stock levels announced below zero").isEmpty();
        return figures;
    }

    private static boolean soldOut(Attempt attempt) {
        return attempt.status() == 422 && OUT_OF_STOCK.contains(attempt.problemType());
    }

    private static Map<String, Response> awaitFinal(List<Attempt> placed, long deadline) {
        Map<String, Response> latest = new LinkedHashMap<>();
        Set<String> open = placed.stream().map(Attempt::orderId).collect(Collectors.toCollection(HashSet::new));
        Map<String, Client> owners = placed.stream().collect(Collectors.toMap(Attempt::orderId, Attempt::buyer));
        while (!open.isEmpty()) {
            List<Callable<Response>> reads = open.stream()
                    .map(id -> (Callable<Response>) () -> read(owners.get(id), id))
                    .collect(Collectors.toList());
            for (Response order : Parallel.run(16, reads)) {
                if (order != null && order.statusCode() == 200) {
                    String id = order.path("id");
                    latest.put(id, order);
                    if (FINAL.contains(order.<String> path("status"))) {
                        open.remove(id);
                    }
                }
            }
            if (open.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Await.pause(Duration.ofMillis(500));
        }
        return latest;
    }

    private static Response read(Client owner, String orderId) {
        try {
            return owner.request().get("/api/v1/orders/" + orderId);
        } catch (Exception noAnswer) {
            return null;
        }
    }

    /**
     * From what order-service published: orders of the drill's products that no buyer was answered with (a placement
     * that happened twice), and orders confirmed by more than one distinct {@code OrderConfirmed} (a redelivery keeps
     * its event id, so it does not count).
     */
    private static int duplicatesAnnounced(List<Attempt> placed, List<Stocked> products) {
        Set<String> accepted = placed.stream().map(Attempt::orderId).collect(Collectors.toSet());
        Set<String> productIds = products.stream().map(Stocked::id).collect(Collectors.toSet());
        Set<String> ordersOfTheseProducts = new HashSet<>();
        Map<String, Set<Object>> confirmations = new HashMap<>();
        for (EventEnvelope event : EventLog.read(Topics.ORDERS, key -> true)) {
            if (event.type().equals("OrderPlaced")) {
                for (var line : event.data().path("lines")) {
                    if (productIds.contains(line.path("productId").asText())) {
                        ordersOfTheseProducts.add(event.aggregateId());
                    }
                }
            } else if (event.type().equals("OrderConfirmed") && accepted.contains(event.aggregateId())) {
                confirmations.computeIfAbsent(event.aggregateId(), k -> new HashSet<>()).add(event.eventId());
            }
        }
        List<String> unanswered = ordersOfTheseProducts.stream().filter(id -> !accepted.contains(id))
                .collect(Collectors.toList());
        List<String> confirmedTwice = confirmations.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey).collect(Collectors.toList());
        if (!unanswered.isEmpty() || !confirmedTwice.isEmpty()) {
            System.out.println("orders placed without an answer: " + unanswered + "; confirmed twice: "
                    + confirmedTwice);
        }
        return unanswered.size() + confirmedTwice.size();
    }

    /** Stock levels the catalogue announced below zero for the drill's products (there must be none). */
    private static List<String> negativeStockAnnouncements(List<Stocked> products) {
        Set<String> ids = products.stream().map(Stocked::id).collect(Collectors.toSet());
        return EventLog.read(Topics.CATALOG_PRODUCTS, ids::contains).stream()
                .filter(e -> e.data().path("product").path("stock").asInt(0) < 0)
                .map(e -> e.aggregateId() + " " + e.data().path("product").path("stock"))
                .collect(Collectors.toList());
    }
}
