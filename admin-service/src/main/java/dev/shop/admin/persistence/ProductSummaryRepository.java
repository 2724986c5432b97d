package dev.shop.admin.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import dev.shop.admin.domain.ProductCriteria;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Reads of the product and stock summary. */
@ApplicationScoped
public class ProductSummaryRepository implements ReactivePanacheMongoRepositoryBase<ProductEntryDocument, String> {

    /** Matching products, fewest units first (the ones to restock lead). */
    public Uni<Page<ProductEntryDocument>> search(ProductCriteria criteria, PageRequest page) {
        Bson filter = filter(criteria);
        return mongoCollection().countDocuments(filter).flatMap(total -> mongoCollection()
                .find(filter, new FindOptions().sort(Sorts.orderBy(Sorts.ascending("stock"), Sorts.ascending("_id")))
                        .skip(page.offset()).limit(page.size()))
                .collect().asList()
                .map(items -> Page.of(items, page, total)));
    }

    /** Active products with fewer than {@code threshold} units, fewest first. */
    public Uni<List<ProductEntryDocument>> lowStock(int threshold, int limit) {
        return mongoCollection().find(filter(new ProductCriteria(null, "active", threshold, false)),
                new FindOptions().sort(Sorts.orderBy(Sorts.ascending("stock"), Sorts.ascending("_id"))).limit(limit))
                .collect().asList();
    }

    private static Bson filter(ProductCriteria c) {
        List<Bson> parts = new ArrayList<>();
        // Documents that only ever saw an inventory event have no snapshot yet: they are not listed.
        parts.add(Filters.gte("version", 0L));
        if (!c.includeDeleted()) {
            parts.add(Filters.ne("deleted", true));
        }
        if (c.text() != null) {
            String literal = Pattern.quote(c.text());
            parts.add(Filters.or(Filters.regex("name", literal, "i"), Filters.regex("sku", literal, "i")));
        }
        if (c.status() != null) {
            parts.add(Filters.eq("status", c.status()));
        }
        if (c.stockBelow() != null) {
            parts.add(Filters.lt("stock", c.stockBelow()));
        }
        return Filters.and(parts);
    }
}
