package dev.shop.cart.persistence;

import java.time.Instant;

import dev.shop.cart.domain.CatalogueProduct;
import dev.shop.cart.domain.Offer;
import dev.shop.cart.domain.ProductStatus;
import dev.shop.contracts.common.Money;

/** Read-model documents to domain products and back. */
final class ProductMapper {

    private ProductMapper() {
    }

    static CatalogueProduct toDomain(ProductDocument d) {
        Money price = d.price == null || d.currency == null ? null : new Money(d.price, d.currency);
        Offer offer = d.offer == null ? null
                : new Offer(d.offer.percent, d.offer.validFrom, d.offer.validTo, d.offer.label);
        return new CatalogueProduct(d.id, d.sku, d.name, d.imageUrl, price, offer, ProductStatus.parse(d.status),
                d.stock, d.deleted, d.version);
    }

    static ProductDocument toDocument(CatalogueProduct p, Instant announcedAt, String source) {
        ProductDocument d = new ProductDocument();
        d.id = p.id();
        d.sku = p.sku();
        d.name = p.name();
        d.imageUrl = p.imageUrl();
        if (p.price() != null) {
            d.price = p.price().amount();
            d.currency = p.price().currency();
        }
        if (p.offer() != null) {
            ProductDocument.OfferDocument o = new ProductDocument.OfferDocument();
            o.percent = p.offer().percent();
            o.validFrom = p.offer().validFrom();
            o.validTo = p.offer().validTo();
            o.label = p.offer().label();
            d.offer = o;
        }
        d.status = p.status().wire();
        d.stock = p.stock();
        d.version = p.version();
        d.announcedAt = announcedAt;
        d.source = source;
        d.deleted = p.deleted();
        return d;
    }
}
