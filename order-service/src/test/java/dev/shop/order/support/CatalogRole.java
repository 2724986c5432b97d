package dev.shop.order.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.shop.contracts.catalog.StockLine;
import dev.shop.contracts.catalog.StockRejected;
import dev.shop.contracts.catalog.StockReserved;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TopicProbe;

/**
 * Plays catalog-service in the checkout saga on the real broker: reads the order events the service publishes and
 * answers on {@code shop.catalog.inventory.v1} as the catalogue does (key = order id).
 */
public final class CatalogRole implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private final TopicProbe orders = TopicProbe.open(Topics.ORDERS);
    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ShopTestResources.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new StringSerializer());

    /** Waits for {@code count} events of {@code type} about the order; returns them. */
    public List<EventEnvelope> await(String orderId, String type, int count) {
        return orders.await(r -> orderId.equals(r.key()) && type.equals(EventJson.read(r.value()).type()), count,
                WAIT).stream().map(r -> EventJson.read(r.value())).toList();
    }

    public EventEnvelope await(String orderId, String type) {
        return await(orderId, type, 1).get(0);
    }

    /** Every order event about the order seen within {@code quiet} (for "nothing more was announced"). */
    public List<EventEnvelope> all(String orderId, Duration quiet) {
        return orders.drain(quiet).stream().filter(r -> orderId.equals(r.key())).map(r -> EventJson.read(r.value()))
                .toList();
    }

    /** Waits for the order's OrderPlaced and reserves every line of it. Returns the OrderPlaced payload. */
    public OrderPlaced reserve(String orderId) {
        OrderPlaced placed = EventJson.dataAs(await(orderId, OrderPlaced.TYPE), OrderPlaced.class);
        send(StockReserved.TYPE, orderId, reserved(placed));
        return placed;
    }

    public static StockReserved reserved(OrderPlaced placed) {
        return new StockReserved(placed.orderId(),
                placed.lines().stream().map(l -> new StockLine(l.productId(), l.sku(), l.quantity())).toList());
    }

    /** Waits for the order's OrderPlaced and rejects it with {@code lines}. */
    public OrderPlaced reject(String orderId, StockRejected.RejectedLine... lines) {
        OrderPlaced placed = EventJson.dataAs(await(orderId, OrderPlaced.TYPE), OrderPlaced.class);
        send(StockRejected.TYPE, orderId, new StockRejected(orderId, List.of(lines)));
        return placed;
    }

    /** Publishes an inventory event as catalog-service would; returns its envelope (for redelivery). */
    public String send(String type, String orderId, Object payload) {
        String envelope = EventJson.write(EventJson.wrap(type, 1, "catalog-service", orderId,
                "catalog-" + UUID.randomUUID().toString().substring(0, 8), payload));
        sendRaw(Topics.CATALOG_INVENTORY, orderId, envelope);
        return envelope;
    }

    /** Sends a record as it is (a redelivery, or an event of another topic); waits for the broker's ack. */
    public void sendRaw(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        orders.close();
        producer.close();
    }
}
