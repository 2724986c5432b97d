package dev.shop.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.types.ObjectId;

import dev.shop.contracts.catalog.Fitment;
import dev.shop.contracts.catalog.ProductCreated;
import dev.shop.contracts.catalog.ProductDeleted;
import dev.shop.contracts.catalog.ProductSnapshot;
import dev.shop.contracts.catalog.ProductUpdated;
import dev.shop.contracts.catalog.StockLow;
import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventContracts;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.identity.SessionRevoked;
import dev.shop.contracts.identity.SignInLocked;
import dev.shop.contracts.identity.UserBlocked;
import dev.shop.contracts.identity.UserRegistered;
import dev.shop.contracts.identity.UserRoleChanged;
import dev.shop.contracts.identity.UserUnblocked;
import dev.shop.contracts.orders.OrderAwaitingPayment;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.contracts.orders.OrderDelivered;
import dev.shop.contracts.orders.OrderLine;
import dev.shop.contracts.orders.OrderPaid;
import dev.shop.contracts.orders.OrderPaymentFailed;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.contracts.orders.OrderRefunded;
import dev.shop.contracts.orders.OrderShipped;
import dev.shop.contracts.orders.OrderStatus;
import dev.shop.testkit.ShopTestResources;

/**
 * The other services' events, as they write them, published to the embedded broker with a plain producer. Every
 * builder returns the record value (the envelope JSON), so a test can send the very same event twice.
 */
public final class Events implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ShopTestResources.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new StringSerializer());

    public static String newId() {
        return new ObjectId().toHexString();
    }

    /** Sends an envelope to its payload's topic, keyed by its aggregate id, and waits for the broker's ack. */
    public String send(String envelope) {
        EventEnvelope e = EventJson.read(envelope);
        return send(topicOf(e.type()), e.aggregateId(), envelope);
    }

    public String send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
            return value;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    public static UUID eventId(String envelope) {
        return EventJson.read(envelope).eventId();
    }

    /** An envelope of {@code payload} that happened at {@code at}, from the service that produces that type. */
    public static String at(Instant at, String aggregateId, Object payload) {
        var contract = EventContracts.of(payload);
        EventEnvelope wrapped = EventJson.wrap(contract.type(), contract.version(), sourceOf(contract.topic()),
                aggregateId, "test-" + UUID.randomUUID().toString().substring(0, 8), payload);
        return EventJson.write(new EventEnvelope(wrapped.eventId(), wrapped.type(), wrapped.version(), at,
                wrapped.source(), wrapped.aggregateId(), wrapped.correlationId(), wrapped.data()));
    }

    // ---- identity

    public static String registered(String userId, String phone, String fullName, Instant at, String... roles) {
        return at(at, userId, new UserRegistered(userId, phone, null, fullName,
                roles.length == 0 ? List.of("customer") : List.of(roles), "otp", at));
    }

    public static String blocked(String userId, String adminId, String reason, Instant at) {
        return at(at, userId, new UserBlocked(userId, adminId, reason, at));
    }

    public static String unblocked(String userId, String adminId, Instant at) {
        return at(at, userId, new UserUnblocked(userId, adminId, at));
    }

    public static String roleChanged(String userId, String adminId, String change, Instant at, String... roles) {
        return at(at, userId, new UserRoleChanged(userId, "admin", change, List.of(roles), adminId, at));
    }

    public static String sessionRevoked(String sessionId, String userId, String reason, Instant at) {
        return at(at, sessionId, new SessionRevoked(sessionId, userId, reason, at, at.plusSeconds(900)));
    }

    public static String signInLocked(String userId, String phone, String clientAddress, Instant at) {
        return at(at, userId, new SignInLocked(userId, phone, 5, 900, at, at.plusSeconds(600), clientAddress));
    }

    // ---- catalog

    public static ProductSnapshot product(String productId, String sku, String name, long price, int stock,
            String status, long version) {
        Money money = Money.of(price, "INR");
        return new ProductSnapshot(productId, sku, name, sku.toLowerCase(), "HONDA",
                List.of(new Fitment("HONDA", "CITY")), "cat-1", money, null, money, stock, status, null, version,
                Instant.now());
    }

    public static String productCreated(ProductSnapshot product) {
        return at(Instant.now(), product.productId(), new ProductCreated(product));
    }

    public static String productUpdated(ProductSnapshot product, String... changes) {
        return at(Instant.now(), product.productId(), new ProductUpdated(product, List.of(changes)));
    }

    public static String productDeleted(String productId, String sku) {
        return at(Instant.now(), productId, new ProductDeleted(productId, sku, Instant.now()));
    }

    public static String stockLow(String productId, String sku, String name, int stock) {
        return at(Instant.now(), productId, new StockLow(productId, sku, name, stock, 5));
    }

    // ---- orders

    public static OrderLine line(String productId, String sku, long unitPrice, int quantity) {
        Money unit = Money.of(unitPrice, "INR");
        return new OrderLine(productId, sku, "Product " + sku, unit, quantity, unit.times(quantity));
    }

    public static String placed(String orderId, String userId, Instant at, String paymentMethod, OrderLine... lines) {
        Money zero = Money.of(0, "INR");
        Money subtotal = List.of(lines).stream().map(OrderLine::lineTotal).reduce(zero, Money::plus);
        return at(at, orderId, new OrderPlaced(orderId, number(orderId), userId, List.of(lines), subtotal, zero, zero,
                subtotal, paymentMethod, at));
    }

    public static String confirmed(String orderId, String userId, Instant at) {
        return at(at, orderId, new OrderConfirmed(orderId, number(orderId), userId, List.of(), at));
    }

    public static String paid(String orderId, String userId, long amount, Instant at) {
        return at(at, orderId, new OrderPaid(orderId, number(orderId), userId, Money.of(amount, "INR"), "test",
                "pay-" + orderId, at, List.of()));
    }

    public static String shipped(String orderId, String userId, Instant at) {
        return at(at, orderId, new OrderShipped(orderId, number(orderId), userId, "BlueDart", "BD-" + orderId, at));
    }

    public static String delivered(String orderId, String userId, Instant at) {
        return at(at, orderId, new OrderDelivered(orderId, number(orderId), userId, List.of(), at));
    }

    public static String cancelled(String orderId, String userId, String previousStatus, String by, boolean refundDue,
            Instant at) {
        return at(at, orderId, new OrderCancelled(orderId, number(orderId), userId, previousStatus, "test reason", by,
                refundDue, at));
    }

    public static String awaitingPayment(String orderId, String userId, long amount, Instant at) {
        return at(at, orderId, new OrderAwaitingPayment(orderId, number(orderId), userId, Money.of(amount, "INR"),
                at.plusSeconds(900), at));
    }

    public static String paymentFailed(String orderId, String userId, long amount, int attempt, Instant at) {
        return at(at, orderId, new OrderPaymentFailed(orderId, number(orderId), userId, Money.of(amount, "INR"), "test",
                "pay-failed-" + attempt + "-" + orderId, "card_declined", attempt, at));
    }

    public static String refunded(String orderId, String userId, long amount, String reason, Instant at) {
        return at(at, orderId, new OrderRefunded(orderId, number(orderId), userId, Money.of(amount, "INR"), "test",
                "pay-" + orderId, "rfnd-" + orderId, reason, at));
    }

    public static String number(String orderId) {
        return "SO-" + orderId.substring(orderId.length() - 8).toUpperCase();
    }

    public static String cod() {
        return OrderStatus.COD;
    }

    private static String topicOf(String type) {
        return switch (type) {
            case "UserRegistered", "UserUpdated", "UserBlocked", "UserUnblocked", "UserRoleChanged", "SignInLocked" ->
                Topics.IDENTITY_USERS;
            case "SessionRevoked" -> Topics.IDENTITY_SESSIONS;
            case "ProductCreated", "ProductUpdated", "ProductDeleted" -> Topics.CATALOG_PRODUCTS;
            case "StockReserved", "StockRejected", "StockReleased", "StockLow", "StockAdjusted" -> Topics.CATALOG_INVENTORY;
            default -> Topics.ORDERS;
        };
    }

    private static String sourceOf(String topic) {
        if (topic.startsWith("shop.identity")) {
            return "auth-service";
        }
        if (topic.startsWith("shop.catalog")) {
            return "catalog-service";
        }
        return "order-service";
    }

    @Override
    public void close() {
        producer.close();
    }
}
