package dev.shop.admin.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.admin.Admins;
import dev.shop.admin.Await;
import dev.shop.admin.Events;
import dev.shop.contracts.catalog.StockAdjusted;
import dev.shop.contracts.identity.UserRoleChanged;
import dev.shop.contracts.orders.OrderRefunded;
import dev.shop.contracts.orders.OrderStatus;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A replay rebuilds a read model from the beginning of its topics into a fresh collection and swaps it in: documents
 * lost or damaged in the database come back exactly as the live consumer had built them.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class ReplayTest {

    @Inject
    MongoClient mongo;

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
    void replayingTheUserDirectoryRebuildsItToTheSameState() {
        Instant t = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.MILLIS);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            users.add(Events.newId());
        }
        events.send(Events.registered(users.get(0), "+919855500001", "Replay Zero", t));
        events.send(Events.registered(users.get(1), "+919855500002", "Replay One", t));
        events.send(Events.blocked(users.get(1), admin.id, "abuse", t.plusSeconds(1)));
        events.send(Events.unblocked(users.get(2), admin.id, t.plusSeconds(9)));
        events.send(Events.registered(users.get(2), "+919855500003", "Replay Two", t));
        events.send(Events.blocked(users.get(2), admin.id, "late block", t.plusSeconds(5)));
        events.send(Events.registered(users.get(3), "+919855500004", "Replay Three", t));
        events.send(Events.roleChanged(users.get(3), admin.id, UserRoleChanged.GRANTED, t.plusSeconds(2), "customer",
                "admin"));
        MongoCollection<Document> directory = collection("user_directory");
        Await.until("all four built", () -> docs(directory, users),
                d -> d.size() == 4 && d.stream().allMatch(u -> u.get("phoneNumber") != null && u.get("status") != null
                        && u.get("roles") != null)
                        && "BLOCKED".equals(d.get(1).get("status")) && d.get(3).getList("roles", String.class).size() == 2);
        List<Document> live = docs(directory, users);
        long countBefore = directory.countDocuments();

        directory.deleteOne(Filters.eq("_id", users.get(0)));
        directory.updateOne(Filters.eq("_id", users.get(1)), Updates.set("status", "TAMPERED"));
        Map<String, Object> done = replay("users");

        assertThat(done).containsEntry("state", "DONE").containsEntry("requestedBy", admin.id);
        assertThat(((Number) done.get("applied")).longValue()).isGreaterThanOrEqualTo(8);
        assertThat(docs(directory, users)).isEqualTo(live);
        assertThat(directory.countDocuments()).isGreaterThanOrEqualTo(countBefore);
        assertThat(admin.request().get("/api/v1/admin/users/" + users.get(0)).statusCode()).isEqualTo(200);
        assertThat(admin.auditOf("users")).first().satisfies(e -> assertThat(e)
                .containsEntry("action", "readmodel.replay").containsEntry("outcome", "SUCCEEDED")
                .containsEntry("status", 202));
    }

    @Test
    void replayingTheOrderIndexRebuildsItToTheSameState() {
        Instant t = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.MILLIS);
        String orderId = Events.newId();
        String cardId = Events.newId();
        String userId = Events.newId();
        events.send(Events.delivered(orderId, userId, t.plusSeconds(40)));
        events.send(Events.placed(orderId, userId, t, OrderStatus.COD, Events.line("p-r", "SKU-R", 9_900, 3)));
        events.send(Events.confirmed(orderId, userId, t.plusSeconds(10)));
        events.send(Events.shipped(orderId, userId, t.plusSeconds(20)));
        events.send(Events.placed(cardId, userId, t, OrderStatus.CARD, Events.line("p-r", "SKU-R", 9_900, 1)));
        events.send(Events.awaitingPayment(cardId, userId, 9_900, t.plusSeconds(5)));
        events.send(Events.paymentFailed(cardId, userId, 9_900, 1, t.plusSeconds(10)));
        events.send(Events.paid(cardId, userId, 9_900, t.plusSeconds(20)));
        events.send(Events.cancelled(cardId, userId, OrderStatus.PAID, "CUSTOMER", true, t.plusSeconds(30)));
        events.send(Events.refunded(cardId, userId, 9_900, OrderRefunded.ORDER_CANCELLED, t.plusSeconds(40)));
        MongoCollection<Document> index = collection("order_index");
        Await.until("the orders built", () -> docs(index, List.of(orderId, cardId)),
                d -> d.size() == 2 && d.get(0).getList("history", Document.class).size() == 4
                        && d.get(0).get("lines") != null && d.get(0).get("carrier") != null
                        && OrderStatus.DELIVERED.equals(d.get(0).getString("status"))
                        && d.get(1).get("refunds") != null && Boolean.FALSE.equals(d.get(1).get("refundDue"))
                        && d.get(1).get("lastPaymentFailure") != null);
        List<Document> live = docs(index, List.of(orderId, cardId));

        index.updateOne(Filters.eq("_id", orderId), Updates.combine(Updates.set("status", "PENDING"),
                Updates.unset("lines")));
        index.updateOne(Filters.eq("_id", cardId), Updates.combine(Updates.set("refundDue", true),
                Updates.unset("lastPaymentFailure"), Updates.unset("paymentDueBy")));
        replay("orders");

        assertThat(docs(index, List.of(orderId, cardId))).isEqualTo(live);
        assertThat(live.get(0).getString("status")).isEqualTo(OrderStatus.DELIVERED);
        assertThat(live.get(1).getString("status")).isEqualTo(OrderStatus.CANCELLED);
        assertThat(live.get(1).getList("history", Document.class)).extracting(h -> h.getString("status"))
                .containsExactly("PENDING", "AWAITING_PAYMENT", "PAID", "CANCELLED");
    }

    @Test
    void replayingTheProductSummaryRebuildsItToTheSameState() {
        String kept = Events.newId();
        String gone = Events.newId();
        String counted = Events.newId();
        List<String> ids = List.of(kept, gone, counted);
        // newer snapshots before older ones, a snapshot after the deletion, and the stock events of another topic
        events.send(Events.productUpdated(Events.product(kept, "RPL-1", "Replay part v2", 45_000, 3, "active", 2),
                "price"));
        events.send(Events.productCreated(Events.product(kept, "RPL-1", "Replay part", 50_000, 10, "draft", 0)));
        events.send(Events.productUpdated(Events.product(kept, "RPL-1", "Replay part v1", 48_000, 7, "active", 1),
                "name"));
        events.send(Events.stockLow(kept, "RPL-1", "Replay part v2", 3));
        events.send(Events.productCreated(Events.product(gone, "RPL-2", "Gone part", 1_000, 5, "active", 0)));
        events.send(Events.productDeleted(gone, "RPL-2"));
        events.send(Events.productUpdated(Events.product(gone, "RPL-2", "Resurrected", 1, 99, "active", 1), "name"));
        events.send(Events.productCreated(Events.product(counted, "RPL-3", "Counted part", 2_000, 20, "active", 0)));
        events.send(Events.at(Instant.now(), counted, new StockAdjusted(counted, "RPL-3", 5, 20, 25, "recount",
                admin.id)));
        MongoCollection<Document> summary = collection("product_summary");
        Await.until("the three products built", () -> docs(summary, ids),
                d -> d.size() == 3 && Long.valueOf(2).equals(number(d.get(0), "version"))
                        && d.get(0).get("lowStockLevel") != null
                        && Boolean.TRUE.equals(d.get(1).get("deleted"))
                        && d.get(2).get("lastAdjustment") != null && "Counted part".equals(d.get(2).get("name")));
        List<Document> live = docs(summary, ids);
        long countBefore = summary.countDocuments();

        summary.deleteOne(Filters.eq("_id", kept));
        summary.updateOne(Filters.eq("_id", gone), Updates.combine(Updates.set("deleted", false),
                Updates.set("name", "Tampered")));
        summary.updateOne(Filters.eq("_id", counted), Updates.unset("lastAdjustment"));
        Map<String, Object> done = replay("products");

        assertThat(((Number) done.get("applied")).longValue()).isGreaterThanOrEqualTo(9);
        assertThat(docs(summary, ids)).isEqualTo(live);
        assertThat(summary.countDocuments()).isGreaterThanOrEqualTo(countBefore);
        assertThat(live.get(0).getString("name")).isEqualTo("Replay part v2");
        assertThat(live.get(1).getString("name")).isEqualTo("Gone part");
        assertThat(live.get(2).get("lastAdjustment", Document.class).getInteger("newStock")).isEqualTo(25);
        admin.request().get("/api/v1/admin/products/" + kept).then().statusCode(200)
                .body("name", equalTo("Replay part v2")).body("stock", equalTo(3));
    }

    private static Long number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number n ? n.longValue() : null;
    }

    @Test
    void aReplayWhileOneRunsIsAConflictAndAnUnknownReadModelIsNotFound() {
        MongoCollection<Document> replays = collection("replays");
        replays.deleteOne(Filters.eq("_id", "products"));
        replays.insertOne(new Document("_id", "products").append("state", "RUNNING").append("replayId", "other")
                .append("leaseUntil", Date.from(Instant.now().plusSeconds(600))));
        try {
            admin.request().post("/api/v1/admin/replay/products").then()
                    .statusCode(409)
                    .body("detail", equalTo("A replay of products is already running"));
            assertThat(admin.awaitAudit("products", 1).get(0)).containsEntry("action", "readmodel.replay")
                    .containsEntry("outcome", "REJECTED").containsEntry("status", 409);
        } finally {
            replays.deleteOne(Filters.eq("_id", "products"));
        }
        admin.request().post("/api/v1/admin/replay/wishlists").then().statusCode(404);
        replay("products");
    }

    private Map<String, Object> replay(String model) {
        Response started = admin.request().post("/api/v1/admin/replay/" + model);
        started.then().statusCode(202).body("readModel", equalTo(model));
        assertThat(started.header("Location")).endsWith("/api/v1/admin/replay/" + model);
        String replayId = started.jsonPath().getString("replayId");
        JsonPath done = Await.until("replay of " + model + " finished",
                () -> admin.request().get("/api/v1/admin/replay/" + model).then().statusCode(200).extract().jsonPath(),
                status -> replayId.equals(status.getString("replayId")) && !"RUNNING".equals(status.getString("state")));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("DONE");
        return done.getMap("");
    }

    private MongoCollection<Document> collection(String name) {
        return mongo.getDatabase("shop_admin").getCollection(name);
    }

    private static List<Document> docs(MongoCollection<Document> collection, List<String> ids) {
        List<Document> found = new ArrayList<>();
        for (String id : ids) {
            Document doc = collection.find(Filters.eq("_id", id)).first();
            if (doc != null) {
                found.add(doc);
            }
        }
        return found;
    }
}
