package dev.shop.order.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.conversions.Bson;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import dev.shop.kit.mongo.IndexCreation;
import io.quarkus.mongodb.reactive.ReactiveMongoDatabase;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The service's indexes. The unique ones carry rules (one order per customer and Idempotency-Key, one order per number,
 * one coupon per code), so checkout and coupon creation wait for {@link #ready()}; creation starts on boot without holding it
 * up (an absent database must not
 * block startup) and is retried by the next checkout if it failed.
 */
@ApplicationScoped
public class OrderIndexes {

    private final ReactiveMongoDatabase database;
    private final IndexCreation indexes = new IndexCreation("order", this::create);

    public OrderIndexes(OrderRepository orders) {
        this.database = orders.mongoDatabase();
    }

    void onStart(@Observes StartupEvent event) {
        indexes.start();
    }

    /** Completes once every index exists; a failed attempt is retried by the next caller. */
    public Uni<Void> ready() {
        return indexes.ready();
    }

    private List<Uni<?>> create() {
        IndexOptions plain = new IndexOptions();
        return List.of(
                index(OrderDocument.COLLECTION,
                        Indexes.ascending("userId", "idempotencyKey"),
                        new IndexOptions().unique(true).name("customer_idempotency_key")),
                index(OrderDocument.COLLECTION, Indexes.ascending("number"),
                        new IndexOptions().unique(true).name("order_number")),
                index(OrderDocument.COLLECTION,
                        Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("createdAt")), plain),
                index(OrderDocument.COLLECTION, Indexes.compoundIndex(Indexes.ascending("userId", "status"),
                        Indexes.descending("createdAt")), plain),
                index(OrderDocument.COLLECTION, Indexes.ascending("status", "createdAt"), plain),
                index(SalesLedger.PRODUCT_DAYS, Indexes.ascending("day", "productId"), plain),
                index(SalesLedger.DAYS, Indexes.ascending("currency", "day"), plain),
                index(ProductViewRepository.COLLECTION, Indexes.ascending("categoryId"), plain),
                index(ProductViewRepository.COLLECTION, Indexes.ascending("hidden"), plain),
                index(OrderDocument.COLLECTION, Indexes.ascending("status", "payment.dueBy"), plain),
                index(OrderDocument.COLLECTION, Indexes.ascending("payment.refunds.status"), plain),
                index(OrderDocument.COLLECTION, Indexes.ascending(OrderRepository.SESSION_ID), plain),
                index(CouponDocument.COLLECTION, Indexes.ascending("code"),
                        new IndexOptions().unique(true).name("coupon_code")),
                index(CouponDocument.COLLECTION, Indexes.ascending("redemptions.orderId"), plain),
                index(PaymentWebhookInbox.COLLECTION, Indexes.ascending("orderId"), plain),
                index(NotificationLog.COLLECTION, Indexes.ascending("orderId"), plain));
    }

    private Uni<String> index(String collection, Bson keys, IndexOptions options) {
        return database.getCollection(collection).createIndex(keys, options);
    }
}
