package dev.shop.catalog.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;

import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.Product;
import dev.shop.catalog.domain.StockRequest;
import dev.shop.catalog.persistence.ProductMapper;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.contracts.catalog.StockRejected;
import io.smallrye.mutiny.Uni;

/**
 * Prices and availability for checkout (docs/architecture.md). Read from the database, not
 * from the in-memory view, so a quote reflects the latest committed price and stock. Availability is advisory: only the
 * reservation that follows OrderPlaced holds stock.
 */
@ApplicationScoped
public class Quotes {

    /**
     * @param product the product, or null when it does not exist
     * @param reason null when the line can be bought, otherwise one of the StockRejected reasons
     */
    public record QuotedLine(String productId, int quantity, Product product, long unitPrice, int availableQuantity,
            String reason) {

        public boolean available() {
            return reason == null;
        }

        /** Whether the product can be priced (it exists and is for sale). */
        public boolean priced() {
            return product != null && product.isActive();
        }
    }

    public record Quote(Instant quotedAt, String currency, List<QuotedLine> lines) {

        public boolean allAvailable() {
            return lines.stream().allMatch(QuotedLine::available);
        }
    }

    private final ProductRepository products;
    private final CatalogConfig config;

    public Quotes(ProductRepository products, CatalogConfig config) {
        this.products = products;
        this.config = config;
    }

    /** Lines naming the same product are added up; the order of first appearance is kept. */
    public Uni<Quote> quote(List<StockRequest.Line> requested) {
        List<StockRequest.Line> lines = StockRequest.merge(requested);
        List<ObjectId> ids = lines.stream().map(l -> new ObjectId(l.productId())).toList();
        Instant now = Instant.now();
        return products.mongoCollection()
                .find(Filters.and(Filters.in("_id", ids), Filters.ne("deleted", true)))
                .collect().asList()
                .map(docs -> {
                    Map<String, Product> byId = new HashMap<>();
                    docs.stream().map(ProductMapper::toProduct).forEach(p -> byId.put(p.id(), p));
                    List<QuotedLine> quoted = new ArrayList<>();
                    for (StockRequest.Line line : lines) {
                        quoted.add(quoteLine(line, byId.get(line.productId()), now));
                    }
                    return new Quote(now, config.currency(), quoted);
                });
    }

    private static QuotedLine quoteLine(StockRequest.Line line, Product p, Instant now) {
        if (p == null) {
            return new QuotedLine(line.productId(), line.quantity(), null, 0, 0, StockRejected.NOT_FOUND);
        }
        int available = Math.max(p.stock(), 0);
        if (!p.isActive()) {
            return new QuotedLine(line.productId(), line.quantity(), p, 0, 0, StockRejected.NOT_AVAILABLE);
        }
        String reason = available >= line.quantity() ? null
                : available == 0 ? StockRejected.OUT_OF_STOCK : StockRejected.INSUFFICIENT_STOCK;
        return new QuotedLine(line.productId(), line.quantity(), p, p.effectivePrice(now), available, reason);
    }
}
