package dev.shop.catalog.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;

import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.ImageFormat;
import dev.shop.catalog.domain.Product;
import dev.shop.catalog.domain.ProductImage;
import dev.shop.catalog.persistence.MediaStore;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.contracts.http.ProblemType;
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

    private final ProductRepository products;
    private final ProductService catalogue;
    private final MediaStore media;
    private final ProductView view;
    private final CatalogConfig config;

    public ProductImages(ProductRepository products, ProductService catalogue, MediaStore media, ProductView view,
            CatalogConfig config) {
        this.products = products;
        this.catalogue = catalogue;
        this.media = media;
        this.view = view;
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
        int maxImages = config.images().maxPerProduct();
        return catalogue.current(productId)
                .flatMap(product -> {
                    if (product.images().size() >= maxImages) {
                        throw ProblemException.conflict("A product has at most " + maxImages
                                + " images; delete one first");
                    }
                    return media.store(bytes, "product-" + productId + "." + format.extension(),
                            format.contentType(), productId);
                })
                .flatMap(mediaId -> {
                    ProductImage image = new ProductImage(mediaId.toHexString(), format.contentType(), upload.size(),
                            blankToNull(alt));
                    return catalogue.modify(productId, entry -> entry.attachImage(image, maxImages, Instant.now()))
                            .onFailure().call(failure -> media.delete(mediaId));
                })
                .flatMap(ok -> imagesAfterWrite(oid));
    }

    /** Puts the images in the given order; the ids must be exactly the product's images. */
    public Uni<List<ProductImage>> reorder(String productId, List<String> imageIds) {
        ObjectId oid = ProductService.productId(productId);
        return catalogue.modify(productId, entry -> entry.reorderImages(imageIds, Instant.now()))
                .flatMap(ok -> imagesAfterWrite(oid));
    }

    public Uni<Void> remove(String productId, String imageId) {
        ObjectId oid = ProductService.productId(productId);
        return catalogue.modify(productId, entry -> entry.detachImage(imageId, Instant.now()))
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

    private Uni<List<ProductImage>> imagesAfterWrite(ObjectId oid) {
        return view.refresh(oid).flatMap(held -> held.isPresent() ? Uni.createFrom().item(held.get().images())
                : catalogue.current(oid.toHexString()).map(Product::images));
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
