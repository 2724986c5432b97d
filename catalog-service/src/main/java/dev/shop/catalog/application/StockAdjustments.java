package dev.shop.catalog.application;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.catalog.persistence.ProductDocument;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.catalog.persistence.ProductWrites;
import dev.shop.contracts.catalog.StockAdjusted;
import dev.shop.contracts.events.Topics;
import dev.shop.kit.outbox.Outbox;
import dev.shop.kit.outbox.OutboxEvent;
import dev.shop.kit.outbox.OutboxRelay;
import dev.shop.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Manual stock changes by admins (goods received, damage, stock-take). Each is audited: the change and its
 * {@code StockAdjusted} event (who, why, before, after) are one compare-and-set update of the product, retried when a
 * reservation moved the stock in between.
 */
@ApplicationScoped
public class StockAdjustments {

    private static final int ATTEMPTS = 10;

    /** The result of an adjustment. */
    public record Adjusted(String productId, String sku, int previousStock, int stock) {
    }

    private final ProductRepository products;
    private final StockLevels levels;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ProductView view;

    public StockAdjustments(ProductRepository products, StockLevels levels, Outbox outbox, OutboxRelay relay,
            ProductView view) {
        this.products = products;
        this.levels = levels;
        this.outbox = outbox;
        this.relay = relay;
        this.view = view;
    }

    public Uni<Adjusted> adjust(String productId, int delta, String reason, String actorId) {
        ObjectId oid = ProductService.productId(productId);
        return attempt(oid, delta, reason, actorId, 1)
                .call(adjusted -> levels.announce(oid))
                .call(adjusted -> view.refresh(oid));
    }

    private Uni<Adjusted> attempt(ObjectId oid, int delta, String reason, String actorId, int attempt) {
        return products.findLive(oid)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No product " + oid.toHexString()))
                .flatMap(doc -> {
                    long next = (long) doc.stock + delta;
                    if (next < 0) {
                        throw ProblemException.businessRule("Only " + doc.stock + " units are on hand; removing "
                                + -delta + " would leave " + next);
                    }
                    if (next > Integer.MAX_VALUE / 2) {
                        throw ProblemException.invalid("delta", "would make the stock unreasonably large");
                    }
                    OutboxEvent event = outbox.event(Topics.CATALOG_INVENTORY, StockAdjusted.TYPE,
                            StockAdjusted.VERSION, oid.toHexString(), new StockAdjusted(oid.toHexString(), doc.sku,
                                    delta, doc.stock, (int) next, reason, actorId));
                    return products.mongoCollection().updateOne(
                            Filters.and(Filters.eq("_id", oid), Filters.eq("stock", doc.stock),
                                    Filters.ne("deleted", true)),
                            Updates.combine(Updates.set("stock", (int) next), Updates.set("stockDirty", true),
                                    Updates.set("updatedAt", Instant.now()), ProductWrites.touch(),
                                    Updates.push("outbox", event)))
                            .flatMap(result -> {
                                if (result.getModifiedCount() == 1) {
                                    relay.publishSoon(ProductDocument.COLLECTION, oid);
                                    return Uni.createFrom().item(new Adjusted(oid.toHexString(), doc.sku, doc.stock,
                                            (int) next));
                                }
                                if (attempt >= ATTEMPTS) {
                                    throw ProblemException.conflict("The stock kept changing; retry");
                                }
                                return attempt(oid, delta, reason, actorId, attempt + 1);
                            });
                });
    }
}
