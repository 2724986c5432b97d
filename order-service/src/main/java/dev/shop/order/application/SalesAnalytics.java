package dev.shop.order.application;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.orders.OrderLine;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.order.config.OrderConfig;
import dev.shop.order.persistence.MoneyDocument;
import dev.shop.order.persistence.ProductViewDocument;
import dev.shop.order.persistence.ProductViewRepository;
import dev.shop.order.persistence.SaleDocument;
import dev.shop.order.persistence.SalesLedger;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sales analytics, kept from the service's own order events (never by reading orders on a request): an order counts
 * as sold when it is confirmed (cash on delivery) or paid (card), on the day that happened; a cancellation takes it
 * back out of that same day; rejected orders never count. Every step is idempotent on the order id (see
 * {@link SalesLedger}), so redelivered events and crashes change no number.
 */
@ApplicationScoped
public class SalesAnalytics {

    /** One entry of the most-bought ranking. */
    public record Ranked(int rank, String productId, String name, String image, Money price, long units,
            long orders) {
    }

    /** One day of the sales report; {@code averageOrderValue} is {@code revenue / orders}, rounded. */
    public record Day(LocalDate date, long orders, long revenue, long units, long averageOrderValue) {
    }

    public record SalesReport(LocalDate from, LocalDate to, String currency, List<Day> days, Day totals) {
    }

    private final SalesLedger ledger;
    private final ProductViewRepository products;
    private final ZoneId zone;
    private final String currency;

    public SalesAnalytics(SalesLedger ledger, ProductViewRepository products, OrderConfig config) {
        this.ledger = ledger;
        this.products = products;
        this.zone = config.analytics().zone();
        this.currency = config.analytics().currency();
    }

    // ---- from order events

    /** Remembers what a new order is worth, and what its lines say about products the view does not know yet. */
    public Uni<Void> placed(OrderPlaced placed) {
        SaleDocument sale = sale(placed.orderId(), placed.lines(), placed.total(), placed.placedAt(),
                SaleDocument.PLACED);
        return ledger.remember(sale)
                .flatMap(ok -> Multi.createFrom().iterable(placed.lines() == null ? List.<OrderLine> of()
                        : placed.lines())
                        .onItem().transformToUniAndConcatenate(l -> products.rememberFromOrder(l.productId(), l.sku(),
                                l.name(), l.unitPrice(), placed.placedAt()).replaceWith(true))
                        .collect().last())
                .replaceWithVoid();
    }

    /**
     * The order is sold (confirmed or paid) at {@code at}. An order whose placement was never seen is counted from
     * the event's lines ({@code amount}, when known, as its revenue).
     */
    public Uni<Void> sold(String orderId, List<OrderLine> lines, Money amount, Instant at) {
        return ledger.find(orderId).flatMap(found -> {
            if (found.isEmpty()) {
                return ledger.remember(sale(orderId, lines, amount, at, SaleDocument.PLACED))
                        .flatMap(ok -> sold(orderId, lines, amount, at));
            }
            SaleDocument sale = found.get();
            return switch (sale.state) {
                case SaleDocument.PLACED -> {
                    String day = SalesLedger.day(at, zone);
                    yield ledger.startCounting(orderId, day, at).flatMap(moved -> {
                        if (!moved) {
                            return sold(orderId, lines, amount, at);
                        }
                        sale.day = day;
                        return count(sale);
                    });
                }
                case SaleDocument.COUNTING -> count(sale);
                // Counted: what a crash after counting (or a version that never pulled) left in the lists goes.
                case SaleDocument.COUNTED -> ledger.forgetCounted(orderId, SalesLedger.counters(sale));
                default -> done();
            };
        });
    }

    /** The order was cancelled: a counted sale is taken back out of its day; it never counts again. */
    public Uni<Void> cancelled(String orderId, Instant at) {
        return ledger.find(orderId).flatMap(found -> {
            if (found.isEmpty()) {
                // Cancelled before its placement was seen (only after a dead-lettered event): never count it.
                SaleDocument tombstone = new SaleDocument();
                tombstone.id = orderId;
                tombstone.state = SaleDocument.REVERTED;
                tombstone.revertedAt = at;
                return ledger.remember(tombstone);
            }
            SaleDocument sale = found.get();
            return switch (sale.state) {
                case SaleDocument.PLACED -> ledger.dropUncounted(orderId, at)
                        .flatMap(moved -> moved ? done() : cancelled(orderId, at));
                case SaleDocument.COUNTING, SaleDocument.COUNTED -> ledger.startReverting(orderId, sale.state)
                        .flatMap(moved -> {
                            if (!moved) {
                                return cancelled(orderId, at);
                            }
                            sale.revertingFrom = sale.state;
                            return uncount(sale, at);
                        });
                case SaleDocument.REVERTING -> uncount(sale, at);
                case SaleDocument.REVERTED -> revertedFromCounted(sale)
                        ? ledger.forgetReverted(orderId, SalesLedger.counters(sale))
                        : done();
                default -> done();
            };
        });
    }

    /** A rejected order was never sold; remember that it never will be. */
    public Uni<Void> rejected(String orderId, Instant at) {
        return ledger.find(orderId).flatMap(found -> found.isPresent() && SaleDocument.PLACED.equals(found.get().state)
                ? ledger.dropUncounted(orderId, at).replaceWithVoid()
                : done());
    }

    /** Counts the sale in every counter, marks it counted, then pulls it from the counters' lists. */
    private Uni<Void> count(SaleDocument sale) {
        List<SalesLedger.Counter> counters = SalesLedger.counters(sale);
        return ledger.count(sale.id, counters)
                .flatMap(ok -> ledger.finishCounting(sale.id))
                // Not moved: another delivery finished first (and pulls), or the order was cancelled meanwhile.
                .flatMap(moved -> moved ? ledger.forgetCounted(sale.id, counters) : done());
    }

    /**
     * Takes the sale back out: from every counter when it was counted, else from those that list it; marks it
     * reverted, then pulls it from the lists.
     */
    private Uni<Void> uncount(SaleDocument sale, Instant at) {
        if (sale.day == null) {
            return ledger.finishReverting(sale.id, at).replaceWithVoid();
        }
        List<SalesLedger.Counter> counters = SalesLedger.counters(sale);
        boolean counted = revertedFromCounted(sale);
        return (counted ? ledger.uncountCounted(sale.id, counters) : ledger.uncountPartly(sale.id, counters))
                .flatMap(ok -> ledger.finishReverting(sale.id, at))
                .flatMap(moved -> moved && counted ? ledger.forgetReverted(sale.id, counters) : done());
    }

    private static boolean revertedFromCounted(SaleDocument sale) {
        return sale.day != null && SaleDocument.COUNTED.equals(sale.revertingFrom);
    }

    // ---- queries

    /**
     * The products sold most over the last {@code days} days (today included), by units; optionally only those of one
     * category. Products that are deleted or no longer for sale are left out.
     */
    public Uni<List<Ranked>> mostBought(int limit, int days, Optional<String> categoryId) {
        String fromDay = LocalDate.now(zone).minusDays(days - 1L).toString();
        Uni<Optional<Collection<String>>> only = categoryId.isEmpty() ? Uni.createFrom().item(Optional.empty())
                : products.idsInCategory(categoryId.get()).map(ids -> Optional.of(ids));
        return Uni.combine().all().unis(only, products.hiddenIds()).asTuple().flatMap(filters -> {
            if (filters.getItem1().isPresent() && filters.getItem1().get().isEmpty()) {
                return Uni.createFrom().item(List.<Ranked> of());
            }
            return ledger.topProducts(fromDay, filters.getItem1(), filters.getItem2(), limit)
                    .flatMap(top -> products.byIds(top.stream().map(SalesLedger.ProductTotal::productId).toList())
                            .map(views -> rank(top, views)));
        });
    }

    /** Orders, revenue, units and average order value per day from {@code from} to {@code to}, both included. */
    public Uni<SalesReport> sales(LocalDate from, LocalDate to) {
        return ledger.days(from.toString(), to.toString(), currency).map(found -> {
            Map<String, SalesLedger.DayTotal> byDay = found.stream()
                    .collect(Collectors.toMap(SalesLedger.DayTotal::day, Function.identity(), (a, b) -> a));
            List<Day> days = new ArrayList<>();
            long orders = 0;
            long revenue = 0;
            long units = 0;
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                SalesLedger.DayTotal t = byDay.get(d.toString());
                Day day = t == null ? new Day(d, 0, 0, 0, 0) : day(d, t.orders(), t.revenue(), t.units());
                days.add(day);
                orders += day.orders();
                revenue += day.revenue();
                units += day.units();
            }
            return new SalesReport(from, to, currency, days, day(null, orders, revenue, units));
        });
    }

    /** Today, in the time zone sales are counted in. */
    public LocalDate today() {
        return LocalDate.now(zone);
    }

    private static Day day(LocalDate date, long orders, long revenue, long units) {
        long average = orders <= 0 ? 0 : Math.floorDiv(2 * revenue + orders, 2 * orders);
        return new Day(date, orders, revenue, units, average);
    }

    private List<Ranked> rank(List<SalesLedger.ProductTotal> top, Map<String, ProductViewDocument> views) {
        Instant now = Instant.now();
        List<Ranked> ranked = new ArrayList<>();
        for (SalesLedger.ProductTotal t : top) {
            ProductViewDocument v = views.get(t.productId());
            ranked.add(new Ranked(ranked.size() + 1, t.productId(), v == null ? null : v.name,
                    v == null ? null : v.image, v == null ? null : priceNow(v, now), t.units(), t.orders()));
        }
        return ranked;
    }

    /** The list price with a running offer applied (the discount rounded half up, as the catalogue does). */
    static Money priceNow(ProductViewDocument view, Instant now) {
        if (view.price == null) {
            return null;
        }
        long price = view.price.amount;
        ProductViewDocument.OfferDocument offer = view.offer;
        if (offer != null && offer.validFrom != null && offer.validTo != null && !now.isBefore(offer.validFrom)
                && now.isBefore(offer.validTo)) {
            price -= (price * offer.percent + 50) / 100;
        }
        return new Money(price, view.price.currency);
    }

    private static Uni<Void> done() {
        return Uni.createFrom().voidItem();
    }

    private SaleDocument sale(String orderId, List<OrderLine> lines, Money total, Instant at, String state) {
        List<OrderLine> given = lines == null ? List.of() : lines;
        SaleDocument sale = new SaleDocument();
        sale.id = orderId;
        sale.state = state;
        sale.placedAt = at;
        Money worth = total;
        if (worth == null) {
            String c = given.isEmpty() ? currency : given.get(0).lineTotal().currency();
            worth = given.stream().map(OrderLine::lineTotal).reduce(new Money(0, c), Money::plus);
        }
        sale.total = MoneyDocument.of(worth);
        sale.lines = new ArrayList<>(given.stream().map(l -> {
            SaleDocument.SoldLine line = new SaleDocument.SoldLine();
            line.productId = l.productId();
            line.sku = l.sku();
            line.name = l.name();
            line.unitPrice = MoneyDocument.of(l.unitPrice());
            line.quantity = l.quantity();
            return line;
        }).toList());
        return sale;
    }
}
