package dev.shop.catalog.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.ImageFormat;
import dev.shop.catalog.domain.Product;
import dev.shop.catalog.domain.ProductImage;
import dev.shop.catalog.persistence.MediaStore;
import dev.shop.catalog.persistence.ProductDocument;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.catalog.persistence.ProductWrites;
import dev.shop.contracts.http.ProblemType;
import dev.shop.kit.outbox.OutboxEvent;
import dev.shop.kit.outbox.OutboxRelay;
import dev.shop.kit.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Product images: upload (size and type checked before anything is stored), ordering, deletion, and the removal of
 * uploads that never got attached to a product (a crash between storing the bytes and attaching them).
 */
@ApplicationScoped
public class ProductImages {

    private static final int ATTEMPTS = 5;

    private final ProductRepository products;
    private final MediaStore media;
    private final ProductView view;
    private final ProductEvents events;
    private final OutboxRelay relay;
    private final CatalogConfig config;

    public ProductImages(ProductRepository products, MediaStore media, ProductView view, ProductEvents events,
            OutboxRelay relay, CatalogConfig config) {
        this.products = products;
        this.media = media;
        this.view = view;
        this.events = events;
        this.relay = relay;
        this.config = config;
    }

    /** An upload as received: where its bytes are and what the client called it. */
    public record Upload(Path file, long size, String fileName) {
    }

    /**
     * Checks the upload (413 above the size limit, 415 unless the bytes are JPEG, PNG or WebP), checks the product can
     * take one more image, then stores the bytes and attaches them. If attaching fails the stored bytes are removed.
     */
    public Uni<List<ProductImage>> add(String productId, Upload upload, String alt) {
        ObjectId oid = ProductService.productId(productId);
        if (upload.size() > config.images().maxBytes()) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "An image may have at most "
                    + config.images().maxBytes() + " bytes; this one has " + upload.size());
        }
        ImageFormat format = ImageFormat.sniff(header(upload.file()), upload.size())
                .orElseThrow(() -> new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "The file is not a JPEG, PNG or WebP image"));
        // Called on a worker thread (the upload is on disk): read it before going reactive.
        byte[] bytes = read(upload.file());
        return products.findLive(oid)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No product " + productId))
                .flatMap(doc -> {
                    checkRoom(doc);
                    return media.store(bytes, "product-" + productId + "." + format.extension(),
                            format.contentType(), productId);
                })
                .flatMap(mediaId -> attach(oid, new ProductImage(mediaId.toHexString(), format.contentType(),
                        upload.size(), blankToNull(alt)), 1)
                        .onFailure().call(failure -> media.delete(mediaId)))
                .invoke(() -> relay.publishSoon(ProductDocument.COLLECTION, oid))
                .flatMap(ok -> imagesAfterWrite(oid));
    }

    /** Puts the images in the given order; the ids must be exactly the product's images. */
    public Uni<List<ProductImage>> reorder(String productId, List<String> imageIds) {
        ObjectId oid = ProductService.productId(productId);
        return reorder(oid, imageIds, 1)
                .invoke(() -> relay.publishSoon(ProductDocument.COLLECTION, oid))
                .flatMap(ok -> imagesAfterWrite(oid));
    }

    public Uni<Void> remove(String productId, String imageId) {
        ObjectId oid = ProductService.productId(productId);
        return detach(oid, imageId, 1)
                .invoke(() -> relay.publishSoon(ProductDocument.COLLECTION, oid))
                .flatMap(ok -> ObjectId.isValid(imageId) ? media.delete(new ObjectId(imageId))
                        : Uni.createFrom().voidItem())
                .flatMap(ok -> view.refresh(oid))
                .replaceWithVoid();
    }

    /** Removes stored images no product refers to, once they are older than the grace period. */
    @Scheduled(every = "15m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> removeOrphans() {
        Instant cutoff = Instant.now().minus(config.images().orphanGracePeriod());
        return media.uploadedBefore(cutoff, 1000)
                .onItem().transformToUniAndConcatenate(file -> products.mongoCollection()
                        .countDocuments(Filters.eq("images.mediaId", file.id()))
                        .flatMap(references -> {
                            if (references > 0) {
                                return Uni.createFrom().voidItem();
                            }
                            Log.infof("Removing image %s that no product refers to", file.id());
                            return media.delete(new ObjectId(file.id()));
                        }))
                .collect().last()
                .onFailure().invoke(f -> Log.warnf("Orphan image sweep failed: %s", f.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void checkRoom(ProductDocument doc) {
        if (doc.imageCount >= config.images().maxPerProduct()) {
            throw ProblemException.conflict("A product has at most " + config.images().maxPerProduct()
                    + " images; delete one first");
        }
    }

    private Uni<Void> attach(ObjectId oid, ProductImage image, int attempt) {
        return products.findLive(oid)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No product " + oid.toHexString()))
                .flatMap(doc -> {
                    checkRoom(doc);
                    List<ProductImage> images = new java.util.ArrayList<>(doc.toDomain().images());
                    images.add(image);
                    OutboxEvent event = events.updated(withImages(doc, images), doc.publishedStock,
                            List.of("images"));
                    Bson filter = Filters.and(Filters.eq("_id", oid), Filters.ne("deleted", true),
                            Filters.lt("imageCount", config.images().maxPerProduct()),
                            Filters.eq("imageCount", doc.imageCount),
                            Filters.eq("publishedStock", doc.publishedStock));
                    Bson update = Updates.combine(Updates.push("images", new ProductDocument.ImageDocument(image)),
                            Updates.inc("imageCount", 1), Updates.set("updatedAt", Instant.now()),
                            ProductWrites.touch(), Updates.push("outbox", event));
                    return retryUnlessModified(products.mongoCollection().updateOne(filter, update), attempt,
                            () -> attach(oid, image, attempt + 1));
                });
    }

    private Uni<Void> reorder(ObjectId oid, List<String> imageIds, int attempt) {
        return products.findLive(oid)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No product " + oid.toHexString()))
                .flatMap(doc -> {
                    List<ProductImage> current = doc.toDomain().images();
                    Set<String> currentIds = new HashSet<>(current.stream().map(ProductImage::id).toList());
                    if (imageIds.size() != current.size() || !currentIds.equals(new HashSet<>(imageIds))) {
                        throw ProblemException.invalid("imageIds",
                                "must list each of the product's " + current.size() + " images exactly once");
                    }
                    List<ProductImage> ordered = imageIds.stream()
                            .map(id -> current.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow())
                            .toList();
                    if (ordered.equals(current)) {
                        return Uni.createFrom().voidItem();
                    }
                    OutboxEvent event = events.updated(withImages(doc, ordered), doc.publishedStock,
                            List.of("images"));
                    Bson filter = Filters.and(Filters.eq("_id", oid), Filters.ne("deleted", true),
                            Filters.eq("imageCount", doc.imageCount), Filters.all("images.mediaId", imageIds),
                            Filters.eq("publishedStock", doc.publishedStock));
                    Bson update = Updates.combine(
                            Updates.set("images", ordered.stream().map(ProductDocument.ImageDocument::new).toList()),
                            Updates.set("updatedAt", Instant.now()), ProductWrites.touch(),
                            Updates.push("outbox", event));
                    return retryUnlessModified(products.mongoCollection().updateOne(filter, update), attempt,
                            () -> reorder(oid, imageIds, attempt + 1));
                });
    }

    private Uni<Void> detach(ObjectId oid, String imageId, int attempt) {
        return products.findLive(oid)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No product " + oid.toHexString()))
                .flatMap(doc -> {
                    List<ProductImage> remaining = doc.toDomain().images().stream()
                            .filter(i -> !i.id().equals(imageId)).toList();
                    if (remaining.size() == doc.imageCount) {
                        throw ProblemException.notFound("Product " + oid.toHexString() + " has no image " + imageId);
                    }
                    OutboxEvent event = events.updated(withImages(doc, remaining), doc.publishedStock,
                            List.of("images"));
                    Bson filter = Filters.and(Filters.eq("_id", oid), Filters.eq("images.mediaId", imageId),
                            Filters.eq("publishedStock", doc.publishedStock));
                    Bson update = Updates.combine(
                            Updates.pull("images", new org.bson.Document("mediaId", imageId)),
                            Updates.inc("imageCount", -1), Updates.set("updatedAt", Instant.now()),
                            ProductWrites.touch(), Updates.push("outbox", event));
                    return retryUnlessModified(products.mongoCollection().updateOne(filter, update), attempt,
                            () -> detach(oid, imageId, attempt + 1));
                });
    }

    /** A conditional update that found the document changed is retried on fresh state (which re-checks the rules). */
    private static Uni<Void> retryUnlessModified(Uni<com.mongodb.client.result.UpdateResult> update, int attempt,
            java.util.function.Supplier<Uni<Void>> retry) {
        return update.flatMap(result -> {
            if (result.getModifiedCount() == 1) {
                return Uni.createFrom().voidItem();
            }
            if (attempt >= ATTEMPTS) {
                return Uni.createFrom().failure(ProblemException.conflict("The product kept changing; retry"));
            }
            return retry.get();
        });
    }

    private Uni<List<ProductImage>> imagesAfterWrite(ObjectId oid) {
        return view.refresh(oid).flatMap(held -> held.isPresent() ? Uni.createFrom().item(held.get().images())
                : products.findById(oid).map(doc -> doc.toDomain().images()));
    }

    private static Product withImages(ProductDocument doc, List<ProductImage> images) {
        Product p = doc.toDomain();
        return new Product(p.id(), p.sku(), p.name(), p.slug(), p.description(), p.brand(), p.models(),
                p.categoryId(), p.attributes(), p.price(), p.currency(), p.offer(), p.stock(), p.status(), images,
                p.ratingCount(), p.ratingSum(), p.soldCount(), p.createdAt(), Instant.now(), p.version());
    }

    private static byte[] header(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(ImageFormat.HEADER_LENGTH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
