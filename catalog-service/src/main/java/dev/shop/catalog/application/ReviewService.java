package dev.shop.catalog.application;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import dev.shop.catalog.domain.Review;
import dev.shop.catalog.persistence.CatalogMappers;
import dev.shop.catalog.persistence.MongoIndexes;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.catalog.persistence.PurchaseRepository;
import dev.shop.catalog.persistence.ReviewDocument;
import dev.shop.catalog.persistence.ReviewRepository;
import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.kit.mongo.MongoErrors;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import dev.shop.kit.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Reviews: one per customer and product (unique index), edited and deleted by their author, deleted by admins. The
 * product's {@code ratingCount} / {@code ratingSum} follow each change with an atomic {@code $inc} made after the
 * review's own conditional write; a periodic reconciliation recomputes them from the reviews, which repairs the
 * counters should a crash fall between the two writes.
 */
@ApplicationScoped
public class ReviewService {

    public enum Order {
        NEWEST,
        RATING,
        RATING_ASC
    }

    private final ReviewRepository reviews;
    private final ProductRepository products;
    private final PurchaseRepository purchases;
    private final ProductService catalogue;
    private final ProductView view;
    private final MongoIndexes indexes;
    private final AggregateStore<Review, ReviewDocument> store;

    public ReviewService(ReviewRepository reviews, ProductRepository products, PurchaseRepository purchases,
            ProductService catalogue, ProductView view, MongoIndexes indexes, AggregateStores stores) {
        this.reviews = reviews;
        this.products = products;
        this.purchases = purchases;
        this.catalogue = catalogue;
        this.view = view;
        this.indexes = indexes;
        this.store = stores.of(reviews, CatalogMappers.REVIEWS);
    }

    public Uni<Page<Review>> list(String productId, boolean includeHidden, Order order, PageRequest page) {
        Bson sort = switch (order) {
            case NEWEST -> Sorts.orderBy(Sorts.descending("createdAt"), Sorts.descending("_id"));
            case RATING -> Sorts.orderBy(Sorts.descending("rating"), Sorts.descending("createdAt"),
                    Sorts.descending("_id"));
            case RATING_ASC -> Sorts.orderBy(Sorts.ascending("rating"), Sorts.descending("createdAt"),
                    Sorts.descending("_id"));
        };
        return catalogue.find(productId, includeHidden).flatMap(product -> {
            Bson filter = Filters.eq("productId", product.id());
            Uni<List<Review>> items = reviews.mongoCollection()
                    .find(filter, new FindOptions().sort(sort).skip(page.offset()).limit(page.size()))
                    .map(ReviewDocument::toDomain).collect().asList();
            return Uni.combine().all().unis(items, reviews.mongoCollection().countDocuments(filter))
                    .with((list, total) -> Page.of(list, page, total));
        });
    }

    public Uni<Review> get(String productId, String reviewId, boolean includeHidden) {
        return catalogue.find(productId, includeHidden)
                .flatMap(product -> findOf(product.id(), reviewId))
                .map(ReviewDocument::toDomain);
    }

    /** The caller's review of the product. */
    public Uni<Review> mine(String productId, String userId) {
        return catalogue.find(productId, false)
                .flatMap(product -> reviews.mongoCollection()
                        .find(Filters.eq("ownerKey", ReviewDocument.ownerKey(product.id(), userId))).collect().first())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("You have not reviewed product "
                        + productId))
                .map(ReviewDocument::toDomain);
    }

    public Uni<Review> create(String productId, String userId, String authorName, int rating, String title,
            String body) {
        return indexes.ready()
                .flatMap(ok -> catalogue.find(productId, false))
                .flatMap(product -> purchases.hasPurchased(userId, product.id()).flatMap(verified -> {
                    Instant now = Instant.now();
                    ReviewDocument doc = new ReviewDocument();
                    doc.id = new ObjectId();
                    doc.productId = product.id();
                    doc.userId = userId;
                    doc.ownerKey = ReviewDocument.ownerKey(product.id(), userId);
                    doc.authorName = authorName;
                    doc.rating = rating;
                    doc.title = title;
                    doc.body = body;
                    doc.verifiedPurchase = verified;
                    doc.createdAt = now;
                    doc.updatedAt = now;
                    doc.version = 1;
                    return reviews.persist(doc);
                }))
                .onFailure(MongoErrors::isDuplicateKey)
                .transform(e -> ProblemException.conflict("You have already reviewed this product; edit that review"))
                .call(doc -> adjustRating(doc.productId, 1, doc.rating))
                .map(ReviewDocument::toDomain);
    }

    /** Changes the caller's own review; another customer's review is a 404, like a missing one. */
    public Uni<Review> update(String productId, String reviewId, String userId, int rating, String title,
            String body, Long expectedVersion) {
        return catalogue.find(productId, false)
                .flatMap(product -> findOf(product.id(), reviewId))
                .flatMap(doc -> {
                    if (!doc.userId.equals(userId)) {
                        throw notFound(reviewId);
                    }
                    // The rating the edit replaced, as seen by the run of the edit that was stored.
                    java.util.concurrent.atomic.AtomicInteger before = new java.util.concurrent.atomic.AtomicInteger();
                    java.util.function.UnaryOperator<Review> edit = review -> {
                        before.set(review.rating());
                        return review.edit(rating, title, body, Instant.now());
                    };
                    Uni<Review> stored = expectedVersion == null ? store.replace(doc.id, edit)
                            : store.replace(doc.id, expectedVersion, edit);
                    return stored.call(review -> adjustRating(review.productId(), 0, rating - before.get()));
                });
    }

    /** Deletes a review: its author may, and so may an admin (moderation). */
    public Uni<Void> delete(String productId, String reviewId, String userId, boolean admin) {
        return catalogue.find(productId, admin)
                .flatMap(product -> findOf(product.id(), reviewId))
                .flatMap(doc -> {
                    if (!admin && !doc.userId.equals(userId)) {
                        throw notFound(reviewId);
                    }
                    return reviews.mongoCollection()
                            .deleteOne(Filters.and(Filters.eq("_id", doc.id), Filters.eq("rating", doc.rating)))
                            .flatMap(result -> {
                                if (result.getDeletedCount() == 0) {
                                    throw ProblemException.conflict("The review changed meanwhile; retry");
                                }
                                return adjustRating(doc.productId, -1, -doc.rating);
                            });
                });
    }

    /** A delivered order makes the customer's reviews of its products verified purchases. */
    public Uni<Void> markVerified(String userId, List<String> productIds) {
        if (productIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return reviews.mongoCollection().updateMany(
                Filters.and(Filters.eq("userId", userId), Filters.in("productId", productIds),
                        Filters.ne("verifiedPurchase", true)),
                Updates.set("verifiedPurchase", true))
                .replaceWithVoid();
    }

    /** Recomputes every product's rating counters from its reviews. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> reconcileRatings() {
        return reviews.mongoCollection().aggregate(List.of(
                Aggregates.group("$productId", Accumulators.sum("count", 1), Accumulators.sum("sum", "$rating"))),
                Document.class)
                .collect().asList()
                .flatMap(groups -> {
                    java.util.Map<String, Document> byProduct = new java.util.HashMap<>();
                    groups.forEach(g -> byProduct.put(g.getString("_id"), g));
                    return products.mongoCollection()
                            .find(Filters.or(Filters.gt("ratingCount", 0), Filters.in("_id",
                                    byProduct.keySet().stream().filter(ObjectId::isValid).map(ObjectId::new)
                                            .toList())))
                            .onItem().transformToUniAndConcatenate(p -> {
                                Document g = byProduct.get(p.id.toHexString());
                                int count = g == null ? 0 : ((Number) g.get("count")).intValue();
                                long sum = g == null ? 0 : ((Number) g.get("sum")).longValue();
                                if (p.ratingCount == count && p.ratingSum == sum) {
                                    return Uni.createFrom().voidItem();
                                }
                                Log.infof("Rating counters of %s repaired: %d/%d -> %d/%d", p.id, p.ratingCount,
                                        p.ratingSum, count, sum);
                                return products.setRating(p.id, count, sum);
                            })
                            .collect().last();
                })
                .replaceWithVoid();
    }

    private Uni<ReviewDocument> findOf(String productId, String reviewId) {
        if (!ObjectId.isValid(reviewId)) {
            return Uni.createFrom().failure(notFound(reviewId));
        }
        return reviews.mongoCollection()
                .find(Filters.and(Filters.eq("_id", new ObjectId(reviewId)), Filters.eq("productId", productId)))
                .collect().first()
                .onItem().ifNull().failWith(() -> notFound(reviewId));
    }

    private Uni<Void> adjustRating(String productId, int count, int sum) {
        ObjectId oid = new ObjectId(productId);
        return products.adjustRating(oid, count, sum)
                .flatMap(ok -> view.refresh(oid))
                .replaceWithVoid();
    }

    private static ProblemException notFound(String reviewId) {
        return ProblemException.notFound("No review " + reviewId);
    }
}
