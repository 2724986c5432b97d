package dev.shop.order.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import dev.shop.contracts.catalog.ProductSnapshot;
import dev.shop.contracts.common.Money;
import dev.shop.kit.mongo.MongoErrors;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * The read model of catalogue products that analytics needs. Writes are conditional on the product's version, so a
 * redelivered or late event never overwrites a newer one, and a deleted product stays deleted.
 */
@ApplicationScoped
public class ProductViewRepository implements ReactivePanacheMongoRepositoryBase<ProductViewDocument, String> {

    public static final String COLLECTION = "product_views";
    private static final String ACTIVE = "active";

    /** Takes the product's state from a catalogue event, unless the view already holds that version or a newer one. */
    public Uni<Void> apply(ProductSnapshot product, Instant at) {
        Bson newer = Filters.and(Filters.eq("_id", product.productId()), Filters.ne("deleted", true),
                Filters.or(Filters.eq("version", null), Filters.lt("version", product.version())));
        Document offer = product.offer() == null ? null
                : new Document("percent", product.offer().percent())
                        .append("validFrom", product.offer().validFrom())
                        .append("validTo", product.offer().validTo());
        Bson update = Updates.combine(
                Updates.set("sku", product.sku()),
                Updates.set("name", product.name()),
                Updates.set("image", product.imageUrl()),
                Updates.set("price", money(product.price())),
                Updates.set("offer", offer),
                Updates.set("categoryId", product.categoryId()),
                Updates.set("status", product.status()),
                Updates.set("hidden", !ACTIVE.equals(product.status())),
                Updates.set("deleted", false),
                Updates.set("version", product.version()),
                Updates.set("updatedAt", at));
        return upsert(newer, update);
    }

    /** The product left the catalogue: hidden from rankings for good. */
    public Uni<Void> deleted(String productId, Instant at) {
        return mongoCollection().updateOne(Filters.eq("_id", productId),
                Updates.combine(Updates.set("deleted", true), Updates.set("hidden", true),
                        Updates.set("updatedAt", at)),
                new UpdateOptions().upsert(true))
                .onFailure(MongoErrors::isDuplicateKey).recoverWithNull()
                .replaceWithVoid();
    }

    /** What an order line tells of a product the view does not know yet; never overwrites catalogue data. */
    public Uni<Void> rememberFromOrder(String productId, String sku, String name, Money unitPrice, Instant at) {
        Bson update = Updates.combine(Updates.setOnInsert("sku", sku), Updates.setOnInsert("name", name),
                Updates.setOnInsert("price", money(unitPrice)), Updates.setOnInsert("hidden", false),
                Updates.setOnInsert("deleted", false), Updates.setOnInsert("updatedAt", at));
        return upsert(Filters.eq("_id", productId), update);
    }

    public Uni<Map<String, ProductViewDocument>> byIds(Collection<String> ids) {
        return mongoCollection().find(Filters.in("_id", ids)).collect().asList()
                .map(views -> views.stream().collect(Collectors.toMap(v -> v.id, Function.identity())));
    }

    /** Ids of the products of one category (exactly that category; the view has no category tree). */
    public Uni<List<String>> idsInCategory(String categoryId) {
        return ids(Filters.eq("categoryId", categoryId));
    }

    /** Ids of products that rankings leave out (deleted, draft or archived). */
    public Uni<List<String>> hiddenIds() {
        return ids(Filters.eq("hidden", true));
    }

    private Uni<List<String>> ids(Bson filter) {
        return mongoCollection().withDocumentClass(Document.class)
                .find(filter, new FindOptions().projection(Projections.include("_id")))
                .map(d -> d.getString("_id"))
                .collect().asList();
    }

    private Uni<Void> upsert(Bson filter, Bson update) {
        // A refused upsert means the document exists and did not match: it is as new or newer. Nothing to do.
        return mongoCollection().updateOne(filter, update, new UpdateOptions().upsert(true))
                .onFailure(MongoErrors::isDuplicateKey).recoverWithNull()
                .replaceWithVoid();
    }

    private static Document money(Money money) {
        return money == null ? null : new Document("amount", money.amount()).append("currency", money.currency());
    }
}
