package dev.shop.cart.messaging;

import static dev.shop.cart.support.CartApi.add;
import static dev.shop.cart.support.CartApi.as;
import static dev.shop.cart.support.CartApi.cart;
import static dev.shop.cart.support.CartApi.newUser;
import static dev.shop.cart.support.OrderEvents.line;
import static dev.shop.cart.support.OrderEvents.newOrderId;
import static dev.shop.cart.support.ReadModel.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.cart.support.CatalogEvents;
import dev.shop.cart.support.CatalogEvents.Product;
import dev.shop.cart.support.Eventually;
import dev.shop.cart.support.OrderEvents;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.kit.messaging.IdempotentConsumer;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bought units leave the buyer's cart, once per order, driven by order events on the real broker. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class OrderEventsTest {

    private static final String ORDERS_DLQ = Topics.deadLetter("cart-service", "orders");

    @Inject
    IdempotentConsumer idempotent;

    CatalogEvents catalog;
    OrderEvents orders;

    @BeforeAll
    static void deadLetterTopic() {
        ShopTestResources.kafka().createTopics(List.of(ORDERS_DLQ));
    }

    @BeforeEach
    void open() {
        catalog = new CatalogEvents();
        orders = new OrderEvents();
    }

    @AfterEach
    void close() {
        catalog.close();
        orders.close();
    }

    @Test
    void orderConfirmedTrimsTheCartOnceEvenOnRedelivery() {
        Product a = publish(catalog, Product.active(1_000, 10));
        Product b = publish(catalog, Product.active(2_000, 10));
        String user = newUser();
        add(as(user), a.id(), 3);
        add(as(user), b.id(), 1);
        String orderId = newOrderId();
        String confirmed = OrderEvents.confirmed(orderId, user, List.of(line(a.id(), 2), line(b.id(), 1)));

        String eventId = orders.send(orderId, confirmed);
        awaitProcessed(eventId);
        cart(as(user)).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].productId", equalTo(a.id()))
                .body("items[0].quantity", equalTo(1));

        // The same event again, and the same order under a new event id (a re-publish): nothing more leaves.
        add(as(user), b.id(), 1);
        orders.send(orderId, confirmed);
        String republished = orders.send(orderId,
                OrderEvents.confirmed(orderId, user, List.of(line(a.id(), 2), line(b.id(), 1))));
        awaitProcessed(republished);
        cart(as(user)).then().body("items.quantity", equalTo(List.of(1, 1)));
    }

    @Test
    void aProductPutInAgainAfterCheckoutStaysWhenTheConfirmationArrives() {
        Product p = publish(catalog, Product.active(1_000, 10));
        String user = newUser();
        add(as(user), p.id(), 1);
        // order-service reads the cart for checkout and announces the cart's updatedAt with the confirmation
        Instant cartAsOf = Instant.parse(io.restassured.RestAssured.given().auth().oauth2(TestTokens.customer(user))
                .when().get("/internal/v1/cart").then().statusCode(200).extract().path("updatedAt"));
        // the customer empties the cart and puts the product in again before the confirmation reaches cart-service
        as(user).when().delete("/api/v1/cart").then().statusCode(204);
        add(as(user), p.id(), 1);
        String orderId = newOrderId();

        awaitProcessed(orders.send(orderId, OrderEvents.envelope(OrderConfirmed.TYPE, orderId, new OrderConfirmed(
                orderId, "SO-" + orderId.substring(18), user, List.of(line(p.id(), 1)), Instant.now(), cartAsOf))));

        cart(as(user)).then().statusCode(200).body("items", hasSize(1)).body("items[0].quantity", equalTo(1));
    }

    @Test
    void orderPaidTrimsTheCartOfACardOrder() {
        Product p = publish(catalog, Product.active(1_000, 10));
        String user = newUser();
        add(as(user), p.id(), 2);
        String orderId = newOrderId();

        awaitProcessed(orders.send(orderId, OrderEvents.paid(orderId, user, List.of(line(p.id(), 2)))));

        cart(as(user)).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anOrderOfAUserWithoutACartChangesNothing() {
        String user = newUser();
        String orderId = newOrderId();

        awaitProcessed(orders.send(orderId, OrderEvents.confirmed(orderId, user, List.of(line("p-x", 1)))));

        cart(as(user)).then().statusCode(200).body("items", hasSize(0)).body("updatedAt", org.hamcrest.Matchers
                .nullValue());
    }

    @Test
    void anUnreadableOrderEventGoesToTheDeadLetterTopic() {
        try (TopicProbe dlq = TopicProbe.open(ORDERS_DLQ)) {
            String orderId = newOrderId();
            orders.sendRaw(orderId, "{\"not\":\"an envelope\"}");
            String noUser = orders.send(orderId, OrderEvents.confirmed(orderId, null, List.of(line("p-1", 1))));

            assertThat(dlq.await(r -> orderId.equals(r.key()), 2, Duration.ofSeconds(30))).hasSize(2);
            assertThat(idempotent.hasProcessed(OrderEventsConsumer.CONSUMER, noUser).await().indefinitely())
                    .isFalse();
        }
    }

    private void awaitProcessed(String eventId) {
        Eventually.await("order event " + eventId + " processed",
                () -> idempotent.hasProcessed(OrderEventsConsumer.CONSUMER, eventId).await().indefinitely(),
                done -> done);
    }
}
