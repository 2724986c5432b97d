package dev.shop.catalog.persistence;

import org.bson.types.ObjectId;

import dev.shop.catalog.domain.Brand;
import dev.shop.catalog.domain.Category;
import dev.shop.catalog.domain.Review;
import dev.shop.catalog.domain.VehicleModel;
import dev.shop.kit.aggregate.AggregateMapper;

/** Maps brands, vehicle models, categories and reviews between the domain and their documents. */
public final class CatalogMappers {

    public static final AggregateMapper<Brand, BrandDocument> BRANDS = new AggregateMapper<>() {
        @Override
        public Brand toDomain(BrandDocument d) {
            return d.toDomain();
        }

        @Override
        public BrandDocument toDocument(Brand b) {
            BrandDocument d = new BrandDocument();
            d.id = b.code();
            d.name = b.name();
            d.description = b.description();
            d.createdAt = b.createdAt();
            d.updatedAt = b.updatedAt();
            d.version = b.version();
            return d;
        }
    };

    public static final AggregateMapper<VehicleModel, VehicleModelDocument> MODELS = new AggregateMapper<>() {
        @Override
        public VehicleModel toDomain(VehicleModelDocument d) {
            return d.toDomain();
        }

        @Override
        public VehicleModelDocument toDocument(VehicleModel m) {
            VehicleModelDocument d = new VehicleModelDocument();
            d.id = m.key();
            d.brand = m.brand();
            d.code = m.code();
            d.name = m.name();
            d.yearFrom = m.yearFrom();
            d.yearTo = m.yearTo();
            d.createdAt = m.createdAt();
            d.updatedAt = m.updatedAt();
            d.version = m.version();
            return d;
        }
    };

    public static final AggregateMapper<Category, CategoryDocument> CATEGORIES = new AggregateMapper<>() {
        @Override
        public Category toDomain(CategoryDocument d) {
            return d.toDomain();
        }

        @Override
        public CategoryDocument toDocument(Category c) {
            CategoryDocument d = new CategoryDocument();
            d.id = new ObjectId(c.id());
            d.slug = c.slug();
            d.name = c.name();
            d.description = c.description();
            d.parentId = c.parentId();
            d.sortOrder = c.sortOrder();
            d.createdAt = c.createdAt();
            d.updatedAt = c.updatedAt();
            d.version = c.version();
            return d;
        }
    };

    public static final AggregateMapper<Review, ReviewDocument> REVIEWS = new AggregateMapper<>() {
        @Override
        public Review toDomain(ReviewDocument d) {
            return d.toDomain();
        }

        @Override
        public ReviewDocument toDocument(Review r) {
            ReviewDocument d = new ReviewDocument();
            d.id = new ObjectId(r.id());
            d.productId = r.productId();
            d.userId = r.userId();
            d.ownerKey = ReviewDocument.ownerKey(r.productId(), r.userId());
            d.authorName = r.authorName();
            d.rating = r.rating();
            d.title = r.title();
            d.body = r.body();
            d.verifiedPurchase = r.verifiedPurchase();
            d.createdAt = r.createdAt();
            d.updatedAt = r.updatedAt();
            d.version = r.version();
            return d;
        }
    };

    private CatalogMappers() {
    }
}
