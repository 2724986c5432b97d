package dev.shop.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.admin.Admins;
import dev.shop.admin.Await;
import dev.shop.admin.Events;
import dev.shop.contracts.orders.OrderStatus;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The dashboard is computed from the read models, built here from events in days no other test uses (May 2032), so
 * every figure can be stated exactly.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class DashboardTest {

    Events events;
    Admins admin;

    @BeforeEach
    void setUp() {
        events = new Events();
        admin = Admins.registered(events);
    }

    @AfterEach
    void tearDown() {
        events.close();
    }

    @Test
    void figuresComeFromTheReadModels() {
        String productA = Events.newId();
        String productB = Events.newId();
        String customer = Events.newId();
        Instant day1 = Instant.parse("2032-05-01T10:00:00Z");
        Instant day2 = Instant.parse("2032-05-02T10:00:00Z");
        Instant day3 = Instant.parse("2032-05-03T10:00:00Z");

        String sold1 = Events.newId();
        events.send(Events.placed(sold1, customer, day1, OrderStatus.COD, Events.line(productA, "SKU-A", 25_000, 2)));
        events.send(Events.confirmed(sold1, customer, day1.plusSeconds(60)));
        String rejected = Events.newId();
        events.send(Events.placed(rejected, customer, day1.plusSeconds(3600), OrderStatus.COD,
                Events.line(productB, "SKU-B", 10_000, 1)));
        events.send(Events.at(day1.plusSeconds(3700), rejected, new dev.shop.contracts.orders.OrderRejected(rejected,
                Events.number(rejected), customer, "OUT_OF_STOCK", "No stock", day1.plusSeconds(3700))));
        String sold2 = Events.newId();
        events.send(Events.placed(sold2, customer, day2, OrderStatus.CARD, Events.line(productA, "SKU-A", 25_000, 1),
                Events.line(productB, "SKU-B", 5_000, 1)));
        events.send(Events.paid(sold2, customer, 30_000, day2.plusSeconds(60)));
        events.send(Events.shipped(sold2, customer, day2.plusSeconds(120)));
        String refunded = Events.newId();
        events.send(Events.placed(refunded, customer, day2.plusSeconds(600), OrderStatus.CARD,
                Events.line(productB, "SKU-B", 7_000, 1)));
        events.send(Events.paid(refunded, customer, 7_000, day2.plusSeconds(700)));
        events.send(Events.cancelled(refunded, customer, OrderStatus.PAID, "CUSTOMER", true, day2.plusSeconds(800)));
        String unpaid = Events.newId();
        events.send(Events.placed(unpaid, customer, day3, OrderStatus.CARD, Events.line(productB, "SKU-B", 9_000, 1)));
        events.send(Events.awaitingPayment(unpaid, customer, 9_000, day3.plusSeconds(30)));
        events.send(Events.registered(Events.newId(), "+919700000001", "New One", day1));
        events.send(Events.registered(Events.newId(), "+919700000002", "New Two", day1.plusSeconds(5)));
        events.send(Events.registered(Events.newId(), "+919700000003", "New Three", day3));
        String lowId = Events.newId();
        String plentyId = Events.newId();
        events.send(Events.productCreated(Events.product(lowId, "LOW-" + lowId.substring(18), "Scarce part", 1_000, 1,
                "active", 0)));
        events.send(Events.productCreated(Events.product(plentyId, "MANY-" + plentyId.substring(18), "Common part",
                1_000, 500, "active", 0)));

        JsonPath report = Await.until("the dashboard to show all five orders and the low product",
                () -> admin.request().queryParam("from", "2032-05-01").queryParam("to", "2032-05-03")
                        .get("/api/v1/admin/dashboard").then().statusCode(200).extract().jsonPath(),
                r -> r.getInt("totals.orders") == 5 && r.getInt("statusCounts.CANCELLED") == 1
                        && r.getInt("statusCounts.AWAITING_PAYMENT") == 1
                        && r.getInt("statusCounts.SHIPPED") == 1 && r.getInt("totals.newUsers") == 3
                        && r.getList("lowStock.productId").contains(lowId));

        assertThat(report.getString("from")).isEqualTo("2032-05-01");
        assertThat(report.getString("to")).isEqualTo("2032-05-03");
        assertThat(report.getString("zone")).isEqualTo("UTC");
        assertThat(report.getMap("totals")).isEqualTo(Map.of("orders", 5, "soldOrders", 2,
                "revenue", Map.of("amount", 80_000, "currency", "INR"),
                "averageOrderValue", Map.of("amount", 40_000, "currency", "INR"), "newUsers", 3));
        assertThat(report.getList("days")).isEqualTo(List.of(
                Map.of("date", "2032-05-01", "orders", 2, "soldOrders", 1,
                        "revenue", Map.of("amount", 50_000, "currency", "INR"), "newUsers", 2),
                Map.of("date", "2032-05-02", "orders", 2, "soldOrders", 1,
                        "revenue", Map.of("amount", 30_000, "currency", "INR"), "newUsers", 0),
                Map.of("date", "2032-05-03", "orders", 1, "soldOrders", 0,
                        "revenue", Map.of("amount", 0, "currency", "INR"), "newUsers", 1)));
        assertThat(report.getMap("statusCounts")).containsEntry("CONFIRMED", 1).containsEntry("REJECTED", 1)
                .containsEntry("SHIPPED", 1).containsEntry("CANCELLED", 1).containsEntry("PENDING", 0)
                .containsEntry("AWAITING_PAYMENT", 1).containsEntry("PAID", 0)
                .containsEntry("DELIVERED", 0).hasSize(8);
        assertThat(report.getList("topProducts")).isEqualTo(List.of(
                Map.of("productId", productA, "sku", "SKU-A", "name", "Product SKU-A", "units", 3,
                        "revenue", Map.of("amount", 75_000, "currency", "INR")),
                Map.of("productId", productB, "sku", "SKU-B", "name", "Product SKU-B", "units", 1,
                        "revenue", Map.of("amount", 5_000, "currency", "INR"))));
        assertThat(report.getList("lowStock.productId")).contains(lowId).doesNotContain(plentyId);
        assertThat(report.getInt("lowStockThreshold")).isEqualTo(5);
    }

    @Test
    void theRangeIsValidated() {
        admin.request().get("/api/v1/admin/dashboard").then().statusCode(200).body("days.size()", equalTo(30));
        admin.request().queryParam("from", "2032-05-03").queryParam("to", "2032-05-01")
                .get("/api/v1/admin/dashboard").then().statusCode(400).body("violations[0].field", equalTo("from"));
        admin.request().queryParam("from", "2030-01-01").queryParam("to", "2032-01-01")
                .get("/api/v1/admin/dashboard").then().statusCode(400).body("violations[0].field", equalTo("to"));
        admin.request().queryParam("from", "May 1st").get("/api/v1/admin/dashboard").then().statusCode(400)
                .body("violations[0].field", equalTo("from"));
    }
}
