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

import dev.shop.contracts.catalog.Offer;
import dev.shop.contracts.catalog.ProductCreated;
import dev.shop.contracts.catalog.ProductDeleted;
import dev.shop.contracts.catalog.ProductSnapshot;
import dev.shop.contracts.catalog.ProductUpdated;
import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.testkit.ShopTestResources;

/** Product events as catalog-service publishes them, sent to the real broker. */
public final class CatalogEvents implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ShopTestResources.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new StringSerializer());

    public static String newProductId() {
        return new ObjectId().toHexString();
    }

    /** A product as a snapshot; change it with the {@code with…} methods. */
    public record Product(String id, String sku, String name, long price, Offer offer, int stock, String status,
            String imageUrl, long version) {

        public static Product active(long price, int stock) {
            String id = newProductId();
            return new Product(id, "SKU-" + id.substring(16), "Product " + id.substring(18), price, null, stock,
                    "active", "/api/v1/media/img-" + id.substring(20), 1);
        }

        public Product withPrice(long value) {
            return new Product(id, sku, name, value, offer, stock, status, imageUrl, version + 1);
        }

        public Product withOffer(int percent, Instant from, Instant to) {
            return new Product(id, sku, name, price, new Offer(percent, from, to, "Sale"), stock, status, imageUrl,
                    version + 1);
        }

        public Product withStatus(String value) {
            return new Product(id, sku, name, price, offer, stock, value, imageUrl, version + 1);
        }

        /** Stock changes do not move the catalogue's version (see catalog-service's StockLevels). */
        public Product withStock(int value) {
            return new Product(id, sku, name, price, offer, value, status, imageUrl, version);
        }

        public Product atVersion(long value) {
            return new Product(id, sku, name, price, offer, stock, status, imageUrl, value);
        }

        public Money listPrice() {
            return new Money(price, "INR");
        }

        public ProductSnapshot snapshot() {
            Money list = listPrice();
            Instant now = Instant.now();
            Money effective = offer != null && !now.isBefore(offer.validFrom()) && now.isBefore(offer.validTo())
                    ? new Money(price - (price * offer.percent() + 50) / 100, "INR")
                    : list;
            return new ProductSnapshot(id, sku, name, "slug-" + id, "BRAND", List.of(), "cat-1", list, offer,
                    effective, stock, status, imageUrl, version, now);
        }
    }

    public static String created(Product p) {
        return envelope(ProductCreated.TYPE, p.id(), new ProductCreated(p.snapshot()));
    }

    public static String updated(Product p, String... changes) {
        return envelope(ProductUpdated.TYPE, p.id(), new ProductUpdated(p.snapshot(), List.of(changes)));
    }

    public static String deleted(Product p) {
        return envelope(ProductDeleted.TYPE, p.id(), new ProductDeleted(p.id(), p.sku(), Instant.now()));
    }

    public static String envelope(String type, String productId, Object data) {
        return EventJson.write(EventJson.wrap(type, 1, "catalog-service", productId,
                "test-" + UUID.randomUUID().toString().substring(0, 8), data));
    }

    public static String eventId(String envelope) {
        EventEnvelope read = EventJson.read(envelope);
        return read.eventId().toString();
    }

    /** Sends and waits for the broker's acknowledgement; returns the envelope's event id. */
    public String send(String key, String envelope) {
        try {
            producer.send(new ProducerRecord<>(Topics.CATALOG_PRODUCTS, key, envelope)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return eventId(envelope);
    }

    /** Publishes the product's creation. */
    public String create(Product p) {
        return send(p.id(), created(p));
    }

    public String update(Product p, String... changes) {
        return send(p.id(), updated(p, changes));
    }

    public String delete(Product p) {
        return send(p.id(), deleted(p));
    }

    @Override
    public void close() {
        producer.close();
    }
}
