package dev.shop.cart.support;

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
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.contracts.orders.OrderLine;
import dev.shop.contracts.orders.OrderPaid;

/** Order events as order-service publishes them, sent to the real broker. */
public final class OrderEvents implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, dev.shop.testkit.ShopTestResources.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new StringSerializer());

    public static String newOrderId() {
        return new ObjectId().toHexString();
    }

    public static OrderLine line(String productId, int quantity) {
        Money unit = new Money(10_000, "INR");
        return new OrderLine(productId, "SKU", "Product", unit, quantity, unit.times(quantity));
    }

    public static String confirmed(String orderId, String userId, List<OrderLine> lines) {
        return envelope(OrderConfirmed.TYPE, orderId,
                new OrderConfirmed(orderId, "SO-" + orderId.substring(18), userId, lines, Instant.now()));
    }

    public static String paid(String orderId, String userId, List<OrderLine> lines) {
        return envelope(OrderPaid.TYPE, orderId, new OrderPaid(orderId, "SO-" + orderId.substring(18), userId,
                new Money(1, "INR"), "test", "ref-1", Instant.now(), lines));
    }

    public static String envelope(String type, String orderId, Object data) {
        return EventJson.write(EventJson.wrap(type, 1, "order-service", orderId,
                "test-" + UUID.randomUUID().toString().substring(0, 8), data));
    }

    /** Sends and waits for the broker's acknowledgement; returns the envelope's event id. */
    public String send(String key, String envelope) {
        sendRaw(key, envelope);
        return EventJson.read(envelope).eventId().toString();
    }

    /** Sends any record value, envelope or not. */
    public void sendRaw(String key, String value) {
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
