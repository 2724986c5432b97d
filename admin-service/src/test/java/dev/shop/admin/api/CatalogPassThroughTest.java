package dev.shop.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
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
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Catalogue administration passes through to catalog-service (the fake): bodies go as sent, answers (refusals too) come
 * back as catalog-service gave them, and each command is audited.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class CatalogPassThroughTest {

    @Inject
    FakeDownstream fake;
    @Inject
    CircuitBreakerMaintenance circuits;

    Events events;
    Admins admin;

    @BeforeEach
    void setUp() {
        fake.reset();
        circuits.resetAll();
        events = new Events();
        admin = Admins.registered(events);
    }

    @AfterEach
    void tearDown() {
        fake.reset();
        circuits.resetAll();
        events.close();
    }

    @Test
    void aCreatedProductComesBackAsCatalogAnsweredAndIsAuditedUnderItsNewId() {
        String body = "{\"sku\":\"BRK-PAD-01\",\"name\":\"Brake pad\",\"price\":{\"amount\":129900,\"currency\":\"INR\"}}";

        Response response = admin.request().contentType("application/json").body(body)
                .post("/api/v1/admin/catalog/products");

        response.then().statusCode(201)
                .header("Location", startsWith("/api/v1/products/"))
                .body("echo.sku", equalTo("BRK-PAD-01"));
        String id = response.jsonPath().getString("id");
        assertThat(fake.calls(FakeDownstream.CATALOG)).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.path()).isEqualTo("/fake/catalog/api/v1/products");
            assertThat(call.body()).isEqualTo(body);
            assertThat(call.contentType()).startsWith("application/json");
            assertThat(call.authorization()).isEqualTo("Bearer " + admin.token);
        });

        Map<String, Object> entry = admin.awaitAudit(id, 1).get(0);
        assertThat(entry).containsEntry("action", "catalog.product.create")
                .containsEntry("targetType", "product")
                .containsEntry("outcome", "SUCCEEDED")
                .containsEntry("status", 201)
                .containsEntry("actorId", admin.id);
        assertThat(entry.get("request")).isEqualTo(Map.of("sku", "BRK-PAD-01", "name", "Brake pad", "price",
                Map.of("amount", 129900, "currency", "INR")));
        assertThat(((Map<?, ?>) entry.get("after")).get("id")).isEqualTo(id);
    }

    @Test
    void aCatalogRefusalKeepsItsStatusAndProblemAndIsAuditedAsRejected() {
        String problem = "{\"type\":\"/problems/validation\",\"title\":\"Request validation failed\",\"status\":400,"
                + "\"detail\":\"sku: must not be blank\",\"violations\":[{\"field\":\"sku\",\"message\":\"must not be blank\"}]}";
        fake.answer(FakeDownstream.CATALOG, new FakeDownstream.Reply(400, "application/problem+json", problem));

        admin.request().contentType("application/json").body("{\"name\":\"x\"}")
                .put("/api/v1/admin/catalog/brands/HONDA").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("sku"))
                .body("detail", equalTo("sku: must not be blank"));

        Map<String, Object> entry = admin.awaitAudit("HONDA", 1).get(0);
        assertThat(entry).containsEntry("action", "catalog.brand.update")
                .containsEntry("outcome", "REJECTED")
                .containsEntry("status", 400)
                .containsEntry("detail", "sku: must not be blank");
    }

    @Test
    void aPatchKeepsItsMediaTypeAndIsAuditedWithTheProductBeforeFromTheSummary() {
        String productId = Events.newId();
        events.send(Events.productCreated(Events.product(productId, "OIL-5W30", "Engine oil", 89900, 12, "active", 0)));
        Await.until("product in the summary",
                () -> admin.request().get("/api/v1/admin/products/" + productId).statusCode(), s -> s == 200);

        admin.request().contentType("application/merge-patch+json").body("{\"price\":{\"amount\":79900,\"currency\":\"INR\"}}")
                .patch("/api/v1/admin/catalog/products/" + productId).then()
                .statusCode(200)
                .body("price.amount", equalTo(79900));

        assertThat(fake.calls(FakeDownstream.CATALOG)).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("PATCH");
            assertThat(call.path()).isEqualTo("/fake/catalog/api/v1/products/" + productId);
            assertThat(call.contentType()).startsWith("application/merge-patch+json");
        });
        Map<String, Object> entry = admin.awaitAudit(productId, 1).get(0);
        assertThat(entry).containsEntry("action", "catalog.product.patch").containsEntry("outcome", "SUCCEEDED");
        assertThat(entry.get("before")).isEqualTo(Map.of("sku", "OIL-5W30", "name", "Engine oil", "status", "active",
                "price", Map.of("amount", 89900, "currency", "INR"), "stock", 12, "version", 0));
    }

    @Test
    void deletesAndNestedPathsReachTheRightCatalogEndpoint() {
        admin.request().delete("/api/v1/admin/catalog/brands/HONDA/models/CITY").then().statusCode(204);
        admin.request().contentType("application/json").body("{\"delta\": -2, \"reason\": \"damaged\"}")
                .post("/api/v1/admin/catalog/products/p-42/stock").then().statusCode(201);

        assertThat(fake.calls(FakeDownstream.CATALOG)).extracting(c -> c.method() + " " + c.path()).containsExactly(
                "DELETE /fake/catalog/api/v1/brands/HONDA/models/CITY",
                "POST /fake/catalog/api/v1/products/p-42/stock");
        assertThat(admin.awaitAudit("HONDA/CITY", 1).get(0)).containsEntry("action", "catalog.model.delete")
                .containsEntry("targetType", "model").containsEntry("status", 204);
        assertThat(admin.awaitAudit("p-42", 1).get(0)).containsEntry("action", "catalog.stock.adjust");
    }

    @Test
    void aCatalogThatIsDownIsA503AuditedAsFailed() {
        fake.mode(FakeDownstream.CATALOG, FakeDownstream.Mode.DOWN);

        admin.request().delete("/api/v1/admin/catalog/categories/cat-77").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("detail", equalTo("catalog-service failed; check whether the change was made before repeating it"));

        assertThat(admin.awaitAudit("cat-77", 1).get(0)).containsEntry("action", "catalog.category.delete")
                .containsEntry("outcome", "FAILED").containsEntry("status", 503);
    }

    @Test
    void aBodyThatIsNotOneJsonObjectIs400AndNeverReachesTheCatalogue() {
        String brand = "BRAND-" + Events.newId().substring(16).toUpperCase();
        List<String> bodies = List.of("{\"name\": ", "[]", "\"text\"", "null", "{\"name\":\"a\",\"name\":\"b\"}",
                "{\"name\":\"a\"} {\"name\":\"b\"}");
        for (String body : bodies) {
            admin.request().contentType("application/json").body(body)
                    .put("/api/v1/admin/catalog/brands/" + brand).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/malformed-request"))
                    .body("detail", equalTo("The request body must be one JSON object"));
        }
        admin.request().contentType("application/merge-patch+json").body("[]")
                .patch("/api/v1/admin/catalog/products/p-43").then().statusCode(400);

        assertThat(fake.calls(FakeDownstream.CATALOG)).isEmpty();
        assertThat(admin.auditOf(brand)).isEmpty();
        assertThat(admin.auditOf("p-43")).isEmpty();
    }
}
