package dev.shop.catalog.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.shop.catalog.domain.CatalogEntry;
import dev.shop.catalog.domain.Fitment;
import dev.shop.catalog.domain.Product;
import dev.shop.catalog.domain.ProductStatus;
import dev.shop.kit.aggregate.AggregateMapper;

/**
 * Maps products between the domain and {@code products}: the whole {@link CatalogEntry} for commands (through the
 * kit's aggregate store), the {@link Product} alone for reads. The document's {@code revision} (incremented by every
 * write, the store's and the stock saga's) and {@code touchedAt} belong to the store; {@code fitmentKeys},
 * {@code brandKeys} and {@code imageCount} are derived here.
 */
public final class ProductMapper implements AggregateMapper<CatalogEntry, ProductDocument> {

    @Override
    public CatalogEntry toDomain(ProductDocument d) {
        List<CatalogEntry.Hold> holds = d.holds == null ? List.of()
                : d.holds.stream().map(h -> new CatalogEntry.Hold(h.orderId, h.quantity, h.sold, h.at)).toList();
        return new CatalogEntry(toProduct(d), d.publishedStock, d.stockDirty, holds, d.deleted, d.deletedAt);
    }

    @Override
    public ProductDocument toDocument(CatalogEntry entry) {
        Product p = entry.product();
        ProductDocument d = new ProductDocument();
        d.id = new org.bson.types.ObjectId(p.id());
        d.sku = p.sku();
        d.name = p.name();
        d.slug = p.slug();
        d.description = p.description();
        d.brand = p.brand();
        d.models = new ArrayList<>(p.models().stream().map(ProductDocument.FitmentDocument::new).toList());
        d.fitmentKeys = new ArrayList<>(p.models().stream().map(Fitment::key).distinct().toList());
        Set<String> brandKeys = new LinkedHashSet<>();
        brandKeys.add(p.brand());
        p.models().forEach(f -> brandKeys.add(f.brand()));
        d.brandKeys = new ArrayList<>(brandKeys);
        d.categoryId = p.categoryId();
        d.attributes = new LinkedHashMap<>(p.attributes());
        d.price = p.price();
        d.currency = p.currency();
        d.offer = p.offer() == null ? null : new ProductDocument.OfferDocument(p.offer());
        d.stock = p.stock();
        d.publishedStock = entry.publishedStock();
        d.stockDirty = entry.stockDirty();
        d.status = p.status().wire();
        d.images = new ArrayList<>(p.images().stream().map(ProductDocument.ImageDocument::new).toList());
        d.imageCount = p.images().size();
        d.ratingCount = p.ratingCount();
        d.ratingSum = p.ratingSum();
        d.soldCount = p.soldCount();
        d.holds = new ArrayList<>(entry.holds().stream().map(h -> {
            ProductDocument.HoldDocument hold = new ProductDocument.HoldDocument();
            hold.orderId = h.orderId();
            hold.quantity = h.quantity();
            hold.sold = h.sold();
            hold.at = h.at();
            return hold;
        }).toList());
        d.deleted = entry.deleted();
        d.deletedAt = entry.deletedAt();
        d.createdAt = p.createdAt();
        d.updatedAt = p.updatedAt();
        d.version = p.version();
        return d;
    }

    /** The product as customers and admins see it. */
    public static Product toProduct(ProductDocument d) {
        return new Product(d.id.toHexString(), d.sku, d.name, d.slug, d.description, d.brand,
                d.models == null ? List.of() : d.models.stream().map(ProductDocument.FitmentDocument::toDomain).toList(),
                d.categoryId,
                d.attributes == null ? Map.of() : d.attributes,
                d.price, d.currency,
                d.offer == null ? null : d.offer.toDomain(),
                d.stock,
                ProductStatus.parse(d.status).orElse(ProductStatus.DRAFT),
                d.images == null ? List.of() : d.images.stream().map(ProductDocument.ImageDocument::toDomain).toList(),
                d.ratingCount, d.ratingSum, d.soldCount, d.createdAt, d.updatedAt, d.version);
    }
}
