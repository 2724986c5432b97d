package dev.shop.order.api;

import static dev.shop.order.support.Orders.awaitStatus;
import static dev.shop.order.support.Orders.newUser;
import static dev.shop.order.support.Orders.placeCod;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;

import dev.shop.contracts.catalog.ProductCreated;
import dev.shop.contracts.catalog.ProductSnapshot;
import dev.shop.contracts.catalog.ProductUpdated;
import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.contracts.orders.OrderLine;
import dev.shop.contracts.orders.OrderPaid;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.order.persistence.SaleRepository;
import dev.shop.order.persistence.SalesLedger;
import dev.shop.order.support.CatalogRole;
import dev.shop.order.support.Eventually;
import dev.shop.order.support.FakeWorld;
import dev.shop.order.support.Orders;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Analytics from the service's own order events: the most-bought ranking after confirmed and cancelled orders (end to
 * end, through checkout and the saga), the sales report per day (from events on the topic, on days no other test
 * touches), and who may read what.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class AnalyticsResourceTest {

    @Inject
    SaleRepository sales;

    CatalogRole catalog;

    @BeforeEach
    void open() {
        catalog = new CatalogRole();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void mostBoughtRanksUnitsOfConfirmedOrdersAndTakesCancelledOnesBackOut() {
        // A category of its own, so the ranking is this test's alone; the products are announced by the catalogue.
        String category = FakeWorld.newId();
        FakeWorld.Product pads = FakeWorld.product("Brake pads", 129_900, 100);
        FakeWorld.Product oil = FakeWorld.product("Engine oil", 45_000, 100);
        FakeWorld.Product chain = FakeWorld.product("Chain", 99_000, 100);
        for (FakeWorld.Product p : List.of(pads, oil, chain)) {
            announce(ProductCreated.TYPE, new ProductCreated(snapshot(p, category, "active", 1)));
        }
        String user = newUser();
        confirmedOrder(user, pads, 3);
        confirmedOrder(user, oil, 2);
        confirmedOrder(user, oil, 2);
        String cancelled = confirmedOrder(user, chain, 5);
        Orders.cancel(user, cancelled, "changed my mind").then().statusCode(200);
        // Placed but never confirmed: not bought.
        FakeWorld.cart(user, FakeWorld.line(chain, 10));
        placeCod(user);

        JsonPath ranking = Eventually.await(() -> mostBought(category),
                r -> r.getList("items.product.id").equals(List.of(oil.id(), pads.id()))
                        && r.getList("items.units").equals(List.of(4, 3)),
                "oil (4) then pads (3), the cancelled chain taken out");

        assertThat(ranking.getList("items.rank")).containsExactly(1, 2);
        assertThat(ranking.getList("items.orders")).containsExactly(2, 1);
        assertThat(ranking.getString("items[0].product.name")).isEqualTo("Engine oil");
        assertThat(ranking.getString("items[0].product.image")).isEqualTo(oil.image());
        assertThat(ranking.getLong("items[0].product.price.amount")).isEqualTo(45_000);
        assertThat(ranking.getInt("days")).isEqualTo(30);
        assertThat(ranking.getString("category")).isEqualTo(category);
        Eventually.await(() -> listedOrders(Filters.in("productId", pads.id(), oil.id(), chain.id())), List::isEmpty,
                "no order listed in the counters of the three products");

        // The catalogue stops selling the oil: it leaves the ranking; an older event does not bring it back.
        announce(ProductUpdated.TYPE, new ProductUpdated(snapshot(oil, category, "archived", 3), List.of("status")));
        announce(ProductUpdated.TYPE, new ProductUpdated(snapshot(oil, category, "active", 2), List.of("price")));
        Eventually.await(() -> mostBought(category), r -> r.getList("items.product.id").equals(List.of(pads.id())),
                "only the pads left");
        given().queryParam("category", FakeWorld.newId()).when().get("/api/v1/analytics/most-bought")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void theSalesReportCountsOrdersRevenueAndUnitsPerDayOnce() {
        // Two days of 1999, which no other test sells on; events as the service itself publishes them.
        Instant day1 = Instant.parse("1999-03-01T10:00:00Z");
        Instant day2 = Instant.parse("1999-03-02T23:30:00Z");
        String cod = sold(day1, 2, 10_000, false);
        sold(day1, 1, 25_000, false);
        sold(day2, 3, 5_000, true);
        String toCancel = sold(day2, 1, 70_000, false);
        String confirmedAgain = OrderConfirmed.TYPE;
        // A redelivered confirmation (same event id) and one under a new id count nothing more.
        String envelope = envelope(confirmedAgain, cod, new OrderConfirmed(cod, "SO-1999-AAAAAA", "u", List.of(
                line("p-" + cod, 2, 10_000)), day1));
        catalog.sendRaw(Topics.ORDERS, cod, envelope);
        catalog.sendRaw(Topics.ORDERS, cod, envelope);
        catalog.sendRaw(Topics.ORDERS, toCancel, envelope(OrderCancelled.TYPE, toCancel, new OrderCancelled(toCancel,
                "SO-1999-BBBBBB", "u", "CONFIRMED", "test", "CUSTOMER", false, day2.plusSeconds(60))));

        JsonPath report = Eventually.await(() -> sales("1999-02-28", "1999-03-03"),
                r -> r.getInt("totals.orders") == 3 && r.getLong("totals.revenue.amount") == 60_000,
                "3 orders worth 60000 (one cancelled)");

        assertThat(report.getList("days.date")).containsExactly("1999-02-28", "1999-03-01", "1999-03-02",
                "1999-03-03");
        assertThat(report.getList("days.orders")).containsExactly(0, 2, 1, 0);
        assertThat(report.getList("days.revenue.amount")).containsExactly(0, 45_000, 15_000, 0);
        assertThat(report.getList("days.units")).containsExactly(0, 3, 3, 0);
        assertThat(report.getList("days.averageOrderValue.amount")).containsExactly(0, 22_500, 15_000, 0);
        assertThat(report.getInt("totals.units")).isEqualTo(6);
        assertThat(report.getLong("totals.averageOrderValue.amount")).isEqualTo(20_000);
        assertThat(report.getString("currency")).isEqualTo("INR");
        // Give late duplicates a chance to (wrongly) count; the numbers stay.
        catalog.all("none", Duration.ofSeconds(2));
        assertThat(sales("1999-03-01", "1999-03-01").getInt("totals.orders")).isEqualTo(2);
        // The counters list the orders only while counting them.
        Eventually.await(() -> listedOrders(Filters.in("day", "1999-03-01", "1999-03-02")), List::isEmpty,
                "no order listed in the counters of the two days");
    }

    @Test
    void mostBoughtIsPublicTheSalesReportIsTheAdminsAndBadParametersAre400() {
        given().when().get("/api/v1/analytics/most-bought").then().statusCode(200).body("days", equalTo(30))
                .header("Cache-Control", "public, max-age=60");
        given().queryParam("limit", 0).when().get("/api/v1/analytics/most-bought").then().statusCode(400)
                .body("violations[0].field", equalTo("limit"));
        given().queryParam("days", "week").when().get("/api/v1/analytics/most-bought").then().statusCode(400)
                .body("violations[0].field", equalTo("days"));
        given().queryParam("category", "{\"$ne\":1}").when().get("/api/v1/analytics/most-bought").then()
                .statusCode(400).body("violations[0].field", equalTo("category"));

        given().when().get("/api/v1/analytics/sales").then().statusCode(401);
        given().auth().oauth2(TestTokens.customer(newUser())).when().get("/api/v1/analytics/sales").then()
                .statusCode(403);
        String admin = TestTokens.admin("admin-analytics");
        given().auth().oauth2(admin).when().get("/api/v1/analytics/sales").then().statusCode(200)
                .body("days", hasSize(30));
        given().auth().oauth2(admin).queryParam("from", "2026-02-10").queryParam("to", "2026-02-01").when()
                .get("/api/v1/analytics/sales").then().statusCode(400).body("violations[0].field", equalTo("from"));
        given().auth().oauth2(admin).queryParam("from", "2020-01-01").queryParam("to", "2026-01-01").when()
                .get("/api/v1/analytics/sales").then().statusCode(400);
        given().auth().oauth2(admin).queryParam("to", "yesterday").when().get("/api/v1/analytics/sales").then()
                .statusCode(400).body("violations[0].field", equalTo("to"));
    }

    private String confirmedOrder(String user, FakeWorld.Product product, int quantity) {
        FakeWorld.cart(user, FakeWorld.line(product, quantity));
        String id = placeCod(user);
        catalog.reserve(id);
        awaitStatus(user, id, "CONFIRMED");
        return id;
    }

    /** An order placed and sold (confirmed, or paid by card) at {@code at}; returns its id. */
    private String sold(Instant at, int quantity, long unitPrice, boolean card) {
        String id = FakeWorld.newId();
        OrderLine line = line("p-" + id, quantity, unitPrice);
        Money total = line.lineTotal();
        Money zero = new Money(0, "INR");
        catalog.sendRaw(Topics.ORDERS, id, envelope(OrderPlaced.TYPE, id, new OrderPlaced(id, "SO-1999-X", "u",
                List.of(line), total, zero, zero, total, card ? "CARD" : "COD", at.minusSeconds(30))));
        Object sold = card ? new OrderPaid(id, "SO-1999-X", "u", total, "fake", "ref-" + id, at, List.of(line))
                : new OrderConfirmed(id, "SO-1999-X", "u", List.of(line), at);
        catalog.sendRaw(Topics.ORDERS, id, envelope(card ? OrderPaid.TYPE : OrderConfirmed.TYPE, id, sold));
        return id;
    }

    private static OrderLine line(String productId, int quantity, long unitPrice) {
        Money unit = new Money(unitPrice, "INR");
        return new OrderLine(productId, "SKU", "Product", unit, quantity, unit.times(quantity));
    }

    private static String envelope(String type, String orderId, Object payload) {
        return EventJson.write(EventJson.wrap(type, 1, "order-service", orderId, "test-" + UUID.randomUUID(),
                payload));
    }

    private void announce(String type, Object payload) {
        ProductSnapshot product = payload instanceof ProductCreated c ? c.product()
                : ((ProductUpdated) payload).product();
        catalog.sendRaw(Topics.CATALOG_PRODUCTS, product.productId(), EventJson.write(EventJson.wrap(type, 1,
                "catalog-service", product.productId(), "test", payload)));
    }

    private static ProductSnapshot snapshot(FakeWorld.Product p, String category, String status, long version) {
        Money price = new Money(p.price(), "INR");
        return new ProductSnapshot(p.id(), p.sku(), p.name(), p.name().toLowerCase().replace(' ', '-'), "HONDA",
                List.of(), category, price, null, price, 100, status, p.image(), version, Instant.now());
    }

    /** The orders the counters matching {@code filter} list as being counted or taken out. */
    private List<Object> listedOrders(Bson filter) {
        List<Object> listed = new ArrayList<>();
        for (String collection : List.of(SalesLedger.DAYS, SalesLedger.PRODUCT_DAYS)) {
            for (Document counter : sales.mongoDatabase().getCollection(collection).find(filter).collect().asList()
                    .await().indefinitely()) {
                listed.addAll(counter.getList("applied", Object.class, List.of()));
                listed.addAll(counter.getList("reverted", Object.class, List.of()));
            }
        }
        return listed;
    }

    private static JsonPath mostBought(String category) {
        return given().queryParam("category", category).queryParam("days", 30).when()
                .get("/api/v1/analytics/most-bought").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath sales(String from, String to) {
        return given().auth().oauth2(TestTokens.admin("admin-analytics")).queryParam("from", from)
                .queryParam("to", to).when().get("/api/v1/analytics/sales").then().statusCode(200).extract()
                .jsonPath();
    }
}
