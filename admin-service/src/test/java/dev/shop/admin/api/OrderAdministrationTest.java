package dev.shop.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.admin.Admins;
import dev.shop.admin.Await;
import dev.shop.admin.Events;
import dev.shop.admin.fake.FakeDownstream;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Order status changes go to order-service (the fake) with the admin's token and are audited with before/after. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class OrderAdministrationTest {

    @Inject
    FakeDownstream fake;
    @Inject
    CircuitBreakerMaintenance circuits;

    Events events;
    Admins admin;
    String orderId;

    @BeforeEach
    void setUp() {
        fake.reset();
        circuits.resetAll();
        events = new Events();
        admin = Admins.registered(events);
        orderId = Events.newId();
        String userId = Events.newId();
        Instant at = Instant.now().minusSeconds(60);
        events.send(Events.placed(orderId, userId, at, Events.cod(), Events.line("p-1", "SKU-1", 50_000, 1)));
        events.send(Events.confirmed(orderId, userId, at.plusSeconds(5)));
        Await.until("confirmed order in the index",
                () -> admin.request().get("/api/v1/admin/orders/" + orderId).jsonPath().getString("status"),
                "CONFIRMED"::equals);
    }

    @AfterEach
    void tearDown() {
        fake.reset();
        circuits.resetAll();
        events.close();
    }

    @Test
    void shippingIsForwardedAndAuditedWithTheStatusBeforeAndAfter() {
        admin.request().contentType("application/json")
                .body("{\"status\":\"SHIPPED\",\"carrier\":\"BlueDart\",\"trackingNumber\":\"BD123\",\"userId\":\"evil\"}")
                .patch("/api/v1/admin/orders/" + orderId + "/status").then()
                .statusCode(200)
                .body("id", equalTo(orderId))
                .body("status", equalTo("SHIPPED"));

        assertThat(fake.calls(FakeDownstream.ORDERS)).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("PATCH");
            assertThat(call.path()).isEqualTo("/fake/orders/api/v1/orders/" + orderId + "/status");
            assertThat(call.authorization()).isEqualTo("Bearer " + admin.token);
            assertThat(call.body()).isEqualTo("{\"carrier\":\"BlueDart\",\"status\":\"SHIPPED\",\"trackingNumber\":\"BD123\"}");
        });
        Map<String, Object> entry = admin.awaitAudit(orderId, 1).get(0);
        assertThat(entry).containsEntry("action", "order.status.change")
                .containsEntry("targetType", "order")
                .containsEntry("outcome", "SUCCEEDED")
                .containsEntry("actorPhone", admin.phone);
        assertThat(entry.get("before")).isEqualTo(Map.of("status", "CONFIRMED"));
        assertThat(entry.get("after")).isEqualTo(Map.of("status", "SHIPPED", "carrier", "BlueDart", "trackingNumber",
                "BD123"));
    }

    @Test
    void anIncompleteOrUnknownStatusChangeIs400AndNotForwarded() {
        admin.request().contentType("application/json").body("{\"status\":\"SHIPPED\"}")
                .patch("/api/v1/admin/orders/" + orderId + "/status").then()
                .statusCode(400)
                .body("violations.field", containsInAnyOrder("carrier", "trackingNumber"));
        admin.request().contentType("application/json").body("{\"status\":\"PAID\"}")
                .patch("/api/v1/admin/orders/" + orderId + "/status").then()
                .statusCode(400)
                .body("violations[0].field", equalTo("status"));

        assertThat(fake.calls(FakeDownstream.ORDERS)).isEmpty();
    }

    @Test
    void anIllegalTransitionIsOrderServices409AuditedAsRejected() {
        fake.answer(FakeDownstream.ORDERS, new FakeDownstream.Reply(409, "application/problem+json",
                "{\"type\":\"/problems/conflict\",\"title\":\"Conflict with the current state\",\"status\":409,"
                        + "\"detail\":\"The order is CONFIRMED; it cannot become DELIVERED\"}"));

        admin.request().contentType("application/json").body("{\"status\":\"DELIVERED\"}")
                .patch("/api/v1/admin/orders/" + orderId + "/status").then()
                .statusCode(409)
                .body("detail", equalTo("The order is CONFIRMED; it cannot become DELIVERED"));

        assertThat(admin.awaitAudit(orderId, 1).get(0)).containsEntry("outcome", "REJECTED")
                .containsEntry("status", 409)
                .containsEntry("detail", "The order is CONFIRMED; it cannot become DELIVERED");
    }

    @Test
    void anOrderServiceAnswering503IsA503AuditedAsFailed() {
        fake.mode(FakeDownstream.ORDERS, FakeDownstream.Mode.UNAVAILABLE);

        admin.request().contentType("application/json").body("{\"status\":\"DELIVERED\"}")
                .patch("/api/v1/admin/orders/" + orderId + "/status").then()
                .statusCode(503)
                .body("detail", equalTo("order-service is unavailable; the command was not carried out"));

        assertThat(admin.awaitAudit(orderId, 1).get(0)).containsEntry("outcome", "FAILED")
                .containsEntry("status", 503);
    }
}
