package dev.shop.order.messaging;

import static dev.shop.order.support.Orders.awaitStatus;
import static dev.shop.order.support.Orders.changeStatus;
import static dev.shop.order.support.Orders.newUser;
import static dev.shop.order.support.Orders.placeCard;
import static dev.shop.order.support.Orders.placeCod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.contracts.catalog.StockRejected;
import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.contracts.orders.OrderDelivered;
import dev.shop.contracts.orders.OrderShipped;
import dev.shop.kit.messaging.IdempotentConsumer;
import dev.shop.order.application.SmsSender;
import dev.shop.order.persistence.NotificationLog;
import dev.shop.order.support.CatalogRole;
import dev.shop.order.support.Eventually;
import dev.shop.order.support.FakeCardPayer;
import dev.shop.order.support.FakeWorld;
import dev.shop.order.support.Orders;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;

/**
 * Customer SMS from the order events, through the console provider's file: one message per status change the customer
 * cares about, at the order's contact phone, none repeated when an event is delivered again or announced again; a
 * provider that fails for a while gets the message again until it takes it, and the order never waits for it.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class NotificationsTest {

    @ConfigProperty(name = "shop.order.notifications.console.file")
    Path smsFile;
    @Inject
    IdempotentConsumer consumer;
    @Inject
    NotificationLog log;

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
    void aCashOrderTellsTheCustomerOfItsConfirmationShipmentAndDeliveryOnce() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Spark plug", 34_900, 10), 2));
        String id = placeCod(user);
        String number = Orders.get(user, id).path("number");
        catalog.reserve(id);
        EventEnvelope confirmed = catalog.await(id, OrderConfirmed.TYPE);
        awaitMessages(number, 1);
        changeStatus(id, Map.of("status", "SHIPPED", "carrier", "BlueDart", "trackingNumber", "BD77812"))
                .then().statusCode(200);
        awaitMessages(number, 2);
        changeStatus(id, Map.of("status", "DELIVERED")).then().statusCode(200);

        List<String> messages = awaitMessages(number, 3);
        assertThat(messages.get(0)).startsWith("+919876543210 ")
                .endsWith("Shop: your order " + number + " is confirmed. Please pay INR 698.00 in cash on delivery.");
        assertThat(messages.get(1)).contains(id + ":SHIPPED")
                .endsWith("has shipped with BlueDart, tracking number BD77812.");
        assertThat(messages.get(2)).endsWith("Shop: your order " + number + " has been delivered.");

        // The same record delivered again, and the same announcement under a new event id: no second message.
        catalog.sendRaw(Topics.ORDERS, id, EventJson.write(confirmed));
        EventEnvelope again = new EventEnvelope(UUID.randomUUID(), confirmed.type(), confirmed.version(),
                confirmed.occurredAt(), confirmed.source(), confirmed.aggregateId(), confirmed.correlationId(),
                confirmed.data());
        catalog.sendRaw(Topics.ORDERS, id, EventJson.write(again));
        Eventually.await(() -> consumer.hasProcessed(NotificationsConsumer.CONSUMER, again.eventId().toString())
                .await().indefinitely(), Boolean::booleanValue, "the re-announcement consumed");
        assertThat(messages(number)).hasSize(3);
        assertThat(log.ofOrder(id).await().indefinitely()).extracting(d -> d.getString("status"))
                .containsExactly("SENT", "SENT", "SENT");
    }

    @Test
    void paymentRejectionAndCancellationAreToldToo() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Mudguard", 18_000, 10), 1));
        String card = placeCard(user);
        String cardNumber = Orders.get(user, card).path("number");
        catalog.reserve(card);
        awaitStatus(user, card, "AWAITING_PAYMENT");
        Response session = FakeCardPayer.openSession(user, card);
        FakeCardPayer.send(FakeCardPayer.succeeded(card, session.path("sessionId"), FakeCardPayer.newPaymentId(),
                new Money(18_000, "INR"))).then().statusCode(204);
        assertThat(awaitMessages(cardNumber, 1).get(0))
                .endsWith("we received your payment of INR 180.00 for order " + cardNumber + ". Thank you!");
        Orders.cancel(user, card, "Not needed any more").then().statusCode(200);
        assertThat(awaitMessages(cardNumber, 2).get(1)).endsWith("was cancelled: Not needed any more. Your payment "
                + "of INR 180.00 will be refunded.");

        String rejected = placeCod(user);
        String rejectedNumber = Orders.get(user, rejected).path("number");
        catalog.reject(rejected, new StockRejected.RejectedLine(FakeWorld.newId(), 1, 0, "OUT_OF_STOCK"));
        assertThat(awaitMessages(rejectedNumber, 1).get(0)).contains("sorry, we could not accept your order "
                + rejectedNumber).endsWith("Nothing was charged.");
        catalog.all(rejected, Duration.ofSeconds(2));
        assertThat(messages(rejectedNumber)).hasSize(1);
    }

    @Test
    void aFailingSmsProviderIsRetriedUntilTheMessageIsSentOnceAndNeverHoldsUpTheOrder() {
        FlakySms sms = new FlakySms();
        QuarkusMock.installMockForType(sms, SmsSender.class);
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Chain lube", 9_900, 10), 1));
        String id = placeCod(user);
        sms.downFor(id);
        catalog.reserve(id);
        awaitStatus(user, id, "CONFIRMED");

        // The provider refuses the confirmation's message, again and again; meanwhile the order moves on as usual.
        Eventually.await(sms::refused, n -> n >= 2, "the confirmation's message refused twice");
        changeStatus(id, Map.of("status", "SHIPPED", "carrier", "BlueDart", "trackingNumber", "BD55"))
                .then().statusCode(200).body("status", equalTo("SHIPPED"));
        changeStatus(id, Map.of("status", "DELIVERED")).then().statusCode(200).body("status", equalTo("DELIVERED"));
        catalog.await(id, OrderShipped.TYPE);
        EventEnvelope delivered = catalog.await(id, OrderDelivered.TYPE);
        assertThat(sms.sentAbout(id)).isEmpty();

        // Back up: the retried message goes, once, and the later ones after it.
        sms.up();
        Eventually.await(() -> consumer.hasProcessed(NotificationsConsumer.CONSUMER, delivered.eventId().toString())
                .await().indefinitely(), Boolean::booleanValue, "the delivery's message handled");
        assertThat(sms.sentAbout(id)).extracting(SmsSender.SmsMessage::id)
                .containsExactly(id + ":CONFIRMED", id + ":SHIPPED", id + ":DELIVERED");
        List<Document> logged = log.ofOrder(id).await().indefinitely();
        assertThat(logged).extracting(d -> d.getString("status")).containsExactly("SENT", "SENT", "SENT");
        assertThat(logged.get(0).getInteger("attempts")).isGreaterThanOrEqualTo(3);
        assertThat(logged.get(0).containsKey("lastError")).isFalse();
    }

    @Test
    void eventsFromLongAgoTellTheCustomerNothing() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Tail lamp", 12_000, 10), 1));
        String id = placeCod(user);
        String number = Orders.get(user, id).path("number");
        // A replay of the topic (or a new consumer group reading it from the start) meets a shipment of two days ago.
        EventEnvelope old = EventJson.wrap(OrderShipped.TYPE, OrderShipped.VERSION, "order-service", id, "replay",
                new OrderShipped(id, number, user, "BlueDart", "BD1", Instant.now()));
        EventEnvelope stale = new EventEnvelope(old.eventId(), old.type(), old.version(),
                Instant.now().minus(Duration.ofDays(2)), old.source(), old.aggregateId(), old.correlationId(),
                old.data());
        catalog.sendRaw(Topics.ORDERS, id, EventJson.write(stale));

        Eventually.await(() -> consumer.hasProcessed(NotificationsConsumer.CONSUMER, stale.eventId().toString())
                .await().indefinitely(), Boolean::booleanValue, "the old event consumed");
        assertThat(messages(number)).isEmpty();
    }

    /** An SMS provider that is down for the messages about one order until it is back up; it accepts all others. */
    static final class FlakySms implements SmsSender {

        private final AtomicInteger refused = new AtomicInteger();
        private final List<SmsMessage> sent = new CopyOnWriteArrayList<>();
        private volatile String downFor;

        void downFor(String orderId) {
            downFor = orderId;
        }

        void up() {
            downFor = null;
        }

        int refused() {
            return refused.get();
        }

        List<SmsMessage> sentAbout(String orderId) {
            return sent.stream().filter(m -> m.id().startsWith(orderId + ":")).toList();
        }

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public Uni<Void> send(SmsMessage message) {
            String down = downFor;
            if (down != null && message.id().startsWith(down + ":")) {
                refused.incrementAndGet();
                return Uni.createFrom().failure(new IllegalStateException("SMS provider unavailable"));
            }
            sent.add(message);
            return Uni.createFrom().voidItem();
        }
    }

    private List<String> awaitMessages(String number, int count) {
        return Eventually.await(() -> messages(number), list -> list.size() >= count,
                count + " messages about " + number);
    }

    private List<String> messages(String number) {
        try {
            if (!Files.exists(smsFile)) {
                return List.of();
            }
            return Files.readAllLines(smsFile, StandardCharsets.UTF_8).stream().filter(l -> l.contains(number + " ")
                    || l.contains(number + ".") || l.contains(number + ":")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
