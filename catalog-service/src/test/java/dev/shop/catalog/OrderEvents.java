package dev.shop.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.types.ObjectId;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.contracts.orders.OrderDelivered;
import dev.shop.contracts.orders.OrderLine;
import dev.shop.contracts.orders.OrderPaid;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.contracts.orders.OrderRejected;
import dev.shop.contracts.orders.OrderStatus;
import dev.shop.testkit.ShopTestResources;

/** Order events as order-service writes them, sent to the real broker. */
public final class OrderEvents implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ShopTestResources.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new StringSerializer());

    public static String newOrderId() {
        return new ObjectId().toHexString();
    }

    public static OrderLine line(String productId, int quantity) {
        Money unit = new Money(10_000, "INR");
        return new OrderLine(productId, "SKU", "Product", unit, quantity, unit.times(Math.max(quantity, 0)));
    }

    public static String placed(String orderId, String userId, List<OrderLine> lines) {
        Money zero = new Money(0, "INR");
        Money subtotal = lines.stream().map(OrderLine::lineTotal).reduce(zero, Money::plus);
        return envelope(OrderPlaced.TYPE, orderId, new OrderPlaced(orderId, "SO-" + orderId.substring(16), userId,
                lines, subtotal, zero, zero, subtotal, OrderStatus.COD, Instant.now()));
    }

    public static String confirmed(String orderId, String userId) {
        return envelope(OrderConfirmed.TYPE, orderId,
                new OrderConfirmed(orderId, "SO-1", userId, List.of(), Instant.now()));
    }

    public static String paid(String orderId, String userId) {
        return envelope(OrderPaid.TYPE, orderId, new OrderPaid(orderId, "SO-1", userId, new Money(1, "INR"), "test",
                "ref-1", Instant.now(), List.of()));
    }

    public static String cancelled(String orderId, String userId) {
        return envelope(OrderCancelled.TYPE, orderId, new OrderCancelled(orderId, "SO-1", userId,
                OrderStatus.CONFIRMED, "Changed my mind", "CUSTOMER", false, Instant.now()));
    }

    public static String rejected(String orderId, String userId) {
        return envelope(OrderRejected.TYPE, orderId, new OrderRejected(orderId, "SO-1", userId, "OUT_OF_STOCK",
                "Out of stock", Instant.now()));
    }

    public static String delivered(String orderId, String userId, List<OrderLine> lines) {
        return envelope(OrderDelivered.TYPE, orderId, new OrderDelivered(orderId, "SO-1", userId, lines,
                Instant.now()));
    }

    public static String envelope(String type, String orderId, Object data) {
        return EventJson.write(EventJson.wrap(type, 1, "order-service", orderId,
                "test-" + UUID.randomUUID().toString().substring(0, 8), data));
    }

    public static String eventId(String envelope) {
        return EventJson.read(envelope).eventId().toString();
    }

    /** Sends and waits for the broker's acknowledgement. */
    public void send(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(Topics.ORDERS, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
