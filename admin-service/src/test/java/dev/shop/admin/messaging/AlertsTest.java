package dev.shop.admin.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.admin.Admins;
import dev.shop.admin.Await;
import dev.shop.admin.Events;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.orders.OrderStatus;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Alerts are raised from events (low stock, payment failures, refunds due, dead-lettered records of any service), once
 * per cause, and acknowledged by an admin who is recorded on the alert and in the audit log.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class AlertsTest {

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
    void stockLowRaisesOneAlertEvenWhenRedelivered() {
        String productId = Events.newId();
        String low = events.send(Events.stockLow(productId, "BRK-7", "Brake disc", 2));
        events.send(low);
        String id = "low-stock-" + Events.eventId(low);

        Map<String, Object> alert = awaitAlert(id);
        assertThat(alert).containsEntry("kind", "LOW_STOCK").containsEntry("status", "OPEN")
                .containsEntry("subjectType", "product").containsEntry("subjectId", productId)
                .containsEntry("title", "Low stock: Brake disc (BRK-7) has 2 left (threshold 5)");
        assertThat(alert.get("details")).isEqualTo(Map.of("sku", "BRK-7", "name", "Brake disc", "stock", "2",
                "threshold", "5"));
        String sentinel = events.send(Events.stockLow(productId, "BRK-7", "Brake disc", 1));
        awaitAlert("low-stock-" + Events.eventId(sentinel));
        assertThat(alertsAbout(productId)).hasSize(2);
    }

    @Test
    void aCardOrderGivenUpByTheSystemIsAPaymentFailureAndAPaidCancellationARefund() {
        String unpaid = Events.newId();
        String paid = Events.newId();
        String userId = Events.newId();
        events.send(Events.cancelled(unpaid, userId, OrderStatus.AWAITING_PAYMENT, "SYSTEM", false, Instant.now()));
        events.send(Events.cancelled(paid, userId, OrderStatus.PAID, "CUSTOMER", true, Instant.now()));

        assertThat(awaitAlert("payment-failed-" + unpaid)).containsEntry("kind", "PAYMENT_FAILED")
                .containsEntry("subjectId", unpaid);
        assertThat(awaitAlert("refund-due-" + paid)).containsEntry("kind", "REFUND_DUE");
        assertThat(alertsAbout(paid)).extracting(a -> a.get("kind")).containsExactly("REFUND_DUE");
        assertThat(alertsAbout(unpaid)).extracting(a -> a.get("kind")).containsExactly("PAYMENT_FAILED");
    }

    @Test
    void everyDeclinedCardPaymentRaisesOneAlertEvenWhenRedelivered() {
        String orderId = Events.newId();
        String userId = Events.newId();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String first = events.send(Events.paymentFailed(orderId, userId, 25_000, 1, t));
        events.send(first);
        events.send(Events.paymentFailed(orderId, userId, 25_000, 2, t.plusSeconds(30)));

        Map<String, Object> alert = awaitAlert("payment-failed-" + orderId + "-attempt-1");
        assertThat(alert).containsEntry("kind", "PAYMENT_FAILED").containsEntry("status", "OPEN")
                .containsEntry("subjectType", "order").containsEntry("subjectId", orderId)
                .containsEntry("title", "Card payment 1 failed for order " + Events.number(orderId)
                        + ": card_declined")
                .containsEntry("raisedAt", t.toString());
        assertThat(details(alert)).containsEntry("reference", "pay-failed-1-" + orderId)
                .containsEntry("amount", "250.00 INR").containsEntry("failedAttempts", "1")
                .containsEntry("userId", userId);
        awaitAlert("payment-failed-" + orderId + "-attempt-2");
        // a later event of the same order (same partition): once it is handled, the redelivery was too
        events.send(Events.cancelled(orderId, userId, OrderStatus.AWAITING_PAYMENT, "SYSTEM", false,
                t.plusSeconds(60)));
        awaitAlert("payment-failed-" + orderId);
        assertThat(alertsAbout(orderId)).extracting(a -> a.get("id")).containsExactlyInAnyOrder(
                "payment-failed-" + orderId + "-attempt-1", "payment-failed-" + orderId + "-attempt-2",
                "payment-failed-" + orderId);
    }

    @Test
    void aRecordDeadLetteredHereRaisesAnAlertNamingWhereAndWhy() {
        String key = Events.newId();
        events.send(Topics.ORDERS, key, "not json at all");

        Map<String, Object> alert = Await.until("dead-letter alert for " + key,
                () -> admin.request().queryParam("kind", "DEAD_LETTER").queryParam("size", "100")
                        .get("/api/v1/admin/alerts").jsonPath().<Map<String, Object>> getList("items"),
                items -> items.stream().anyMatch(a -> key.equals(details(a).get("key"))))
                .stream().filter(a -> key.equals(details(a).get("key"))).findFirst().orElseThrow();

        assertThat(alert).containsEntry("subjectType", "topic")
                .containsEntry("subjectId", "shop.dlq.admin-service.orders");
        assertThat(details(alert)).containsEntry("originalTopic", Topics.ORDERS);
        assertThat((String) alert.get("title")).startsWith("A record could not be processed by admin-service");
        assertThat(details(alert).get("reason")).isNotNull();
    }

    @Test
    void anotherServicesDeadLetterTopicIsWatchedToo() {
        String key = Events.newId();
        String envelope = Events.confirmed(key, Events.newId(), Instant.now());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ShopTestResources.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>("shop.dlq.catalog-service.orders", key,
                    envelope);
            record.headers().add("dead-letter-reason", "stock store unreachable".getBytes(StandardCharsets.UTF_8));
            record.headers().add("dead-letter-topic", Topics.ORDERS.getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        }

        Map<String, Object> alert = Await.until("alert for catalog's dead letter",
                () -> admin.request().queryParam("kind", "DEAD_LETTER").queryParam("size", "100")
                        .get("/api/v1/admin/alerts").jsonPath().<Map<String, Object>> getList("items"),
                items -> items.stream().anyMatch(a -> key.equals(details(a).get("key"))))
                .stream().filter(a -> key.equals(details(a).get("key"))).findFirst().orElseThrow();
        assertThat(alert.get("title")).isEqualTo(
                "A OrderConfirmed event could not be processed by catalog-service: stock store unreachable");
        assertThat(details(alert)).containsEntry("eventType", "OrderConfirmed")
                .containsEntry("eventId", Events.eventId(envelope).toString());
    }

    @Test
    void anAcknowledgementRecordsWhoAndIsAuditedAndASecondOneIsAConflict() {
        String productId = Events.newId();
        String low = events.send(Events.stockLow(productId, "CLT-1", "Clutch plate", 1));
        String id = "low-stock-" + Events.eventId(low);
        awaitAlert(id);

        JsonPath acked = admin.request().contentType("application/json").body("{\"note\": \"reordered 50\"}")
                .post("/api/v1/admin/alerts/" + id + "/ack").then().statusCode(200).extract().jsonPath();
        assertThat(acked.getString("status")).isEqualTo("ACKNOWLEDGED");
        assertThat(acked.getString("acknowledged.actorId")).isEqualTo(admin.id);
        assertThat(acked.getString("acknowledged.actorPhone")).isEqualTo(admin.phone);
        assertThat(acked.getString("acknowledged.note")).isEqualTo("reordered 50");
        assertThat(acked.getString("acknowledged.at")).isNotNull();

        Admins other = Admins.registered(events);
        other.request().post("/api/v1/admin/alerts/" + id + "/ack").then()
                .statusCode(409).contentType("application/problem+json");
        assertThat(awaitAlert(id).get("acknowledged")).isEqualTo(acked.getMap("acknowledged"));
        admin.request().post("/api/v1/admin/alerts/no-such-alert/ack").then().statusCode(404);

        List<Map<String, Object>> entries = admin.awaitAudit(id, 2);
        assertThat(entries.get(1)).containsEntry("action", "alert.ack").containsEntry("actorId", admin.id)
                .containsEntry("outcome", "SUCCEEDED").containsEntry("status", 200);
        assertThat(entries.get(1).get("before")).isEqualTo(Map.of("status", "OPEN", "kind", "LOW_STOCK"));
        assertThat(entries.get(0)).containsEntry("actorId", other.id).containsEntry("outcome", "REJECTED")
                .containsEntry("status", 409);
        List<String> open = admin.request().queryParam("status", "OPEN").queryParam("size", "100")
                .get("/api/v1/admin/alerts").jsonPath().getList("items.id");
        assertThat(open).doesNotContain(id);
        admin.request().queryParam("kind", "FIRE").get("/api/v1/admin/alerts").then().statusCode(400)
                .body("violations[0].field", equalTo("kind"));
    }

    private Map<String, Object> awaitAlert(String id) {
        return Await.until("alert " + id, () -> admin.request().queryParam("size", "100").get("/api/v1/admin/alerts")
                .jsonPath().<Map<String, Object>> getList("items").stream().filter(a -> id.equals(a.get("id")))
                .findFirst().orElse(null), a -> a != null);
    }

    private List<Map<String, Object>> alertsAbout(String subjectId) {
        return admin.request().queryParam("size", "100").get("/api/v1/admin/alerts").jsonPath()
                .<Map<String, Object>> getList("items").stream().filter(a -> subjectId.equals(a.get("subjectId")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> alert) {
        return (Map<String, Object>) alert.get("details");
    }
}
