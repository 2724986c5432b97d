package dev.shop.admin.application;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import dev.shop.admin.config.AdminConfig;
import dev.shop.admin.domain.DayWindow;
import dev.shop.admin.domain.OrderProgress;
import dev.shop.admin.persistence.OrderIndexRepository;
import dev.shop.admin.persistence.ProductSummaryRepository;
import dev.shop.admin.persistence.UserDirectoryRepository;
import dev.shop.contracts.common.Money;
import io.smallrye.mutiny.Uni;

/**
 * The dashboard, computed from this service's read models only (never by asking other services): orders and revenue
 * per day, average order value, new users, order counts by status, top products and low stock. An order counts by the
 * day it was placed; it counts as sold (revenue, average, top products) while it is confirmed, paid, shipped or
 * delivered in the shop's currency, so a cancelled or rejected order drops out.
 */
@ApplicationScoped
public class Dashboard {

    /** Orders of one day. */
    public record Day(LocalDate date, long orders, long soldOrders, Money revenue, long newUsers) {
    }

    public record Totals(long orders, long soldOrders, Money revenue, Money averageOrderValue, long newUsers) {
    }

    public record TopProduct(String productId, String sku, String name, long units, Money revenue) {
    }

    public record LowStock(String productId, String sku, String name, int stock, String status) {
    }

    /**
     * @param statusCounts orders placed in the range, by their current status (every status listed)
     * @param lowStock active products below the low-stock threshold now, fewest units first
     */
    public record Report(LocalDate from, LocalDate to, String zone, String currency, Totals totals, List<Day> days,
            Map<String, Long> statusCounts, List<TopProduct> topProducts, int lowStockThreshold,
            List<LowStock> lowStock) {
    }

    private final OrderIndexRepository orders;
    private final UserDirectoryRepository users;
    private final ProductSummaryRepository products;
    private final AdminConfig config;

    public Dashboard(OrderIndexRepository orders, UserDirectoryRepository users, ProductSummaryRepository products,
            AdminConfig config) {
        this.orders = orders;
        this.users = users;
        this.products = products;
        this.config = config;
    }

    public Uni<Report> report(DayWindow window) {
        String currency = config.currency();
        List<String> sold = List.copyOf(OrderProgress.SOLD);
        AdminConfig.Dashboard settings = config.dashboard();
        return Uni.combine().all().unis(
                orders.perDay(window.start(), window.endExclusive(), sold, currency),
                orders.perStatus(window.start(), window.endExclusive()),
                orders.topProducts(window.start(), window.endExclusive(), sold, currency, settings.topProducts()),
                users.registeredPerDay(window.start(), window.endExclusive()),
                products.lowStock(settings.lowStockThreshold(), settings.lowStockLimit()))
                .with((perDay, perStatus, top, registered, low) -> {
                    Map<String, Document> orderDays = byId(perDay);
                    Map<String, Document> userDays = byId(registered);
                    List<Day> days = new ArrayList<>();
                    long orderCount = 0;
                    long soldCount = 0;
                    long revenue = 0;
                    long newUsers = 0;
                    for (LocalDate date : window.days()) {
                        Document o = orderDays.get(date.toString());
                        Document u = userDays.get(date.toString());
                        long dayOrders = number(o, "orders");
                        long daySold = number(o, "soldOrders");
                        long dayRevenue = number(o, "revenue");
                        long dayUsers = number(u, "users");
                        days.add(new Day(date, dayOrders, daySold, Money.of(dayRevenue, currency), dayUsers));
                        orderCount += dayOrders;
                        soldCount += daySold;
                        revenue += dayRevenue;
                        newUsers += dayUsers;
                    }
                    Map<String, Long> statusCounts = new TreeMap<>();
                    OrderProgress.ALL.forEach(status -> statusCounts.put(status, 0L));
                    perStatus.forEach(d -> {
                        if (d.get("_id") != null) {
                            statusCounts.put(d.getString("_id"), number(d, "orders"));
                        }
                    });
                    List<TopProduct> topProducts = top.stream()
                            .map(d -> new TopProduct(d.getString("_id"), d.getString("sku"), d.getString("name"),
                                    number(d, "units"), Money.of(number(d, "revenue"), currency)))
                            .toList();
                    List<LowStock> lowStock = low.stream()
                            .map(p -> new LowStock(p.id, p.sku, p.name, p.stock, p.status))
                            .toList();
                    Totals totals = new Totals(orderCount, soldCount, Money.of(revenue, currency),
                            Money.of(average(revenue, soldCount), currency), newUsers);
                    return new Report(window.from(), window.to(), window.zone().getId(), currency, totals, days,
                            statusCounts, topProducts, settings.lowStockThreshold(), lowStock);
                });
    }

    private static long average(long revenue, long count) {
        return count == 0 ? 0
                : BigDecimal.valueOf(revenue).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP).longValue();
    }

    private static Map<String, Document> byId(List<Document> rows) {
        Map<String, Document> map = new HashMap<>();
        rows.forEach(row -> {
            Object id = row.get("_id");
            if (id != null) {
                map.put(id.toString(), row);
            }
        });
        return map;
    }

    private static long number(Document row, String field) {
        if (row == null) {
            return 0;
        }
        Object value = row.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
