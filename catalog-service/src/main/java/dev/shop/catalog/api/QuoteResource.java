package dev.shop.catalog.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.catalog.api.ProductDtos.OfferResponse;
import dev.shop.catalog.application.Quotes;
import dev.shop.catalog.domain.Product;
import dev.shop.catalog.domain.ProductImage;
import dev.shop.catalog.domain.StockRequest;
import dev.shop.contracts.common.Money;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * Checkout pricing, called by order-service with the customer's token (any valid token is accepted; the answer holds
 * nothing private).
 */
@Path("/api/v1/products/quote")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Checkout")
public class QuoteResource {

    public record QuoteLineRequest(
            @NotBlank @Pattern(regexp = "^[0-9a-f]{24}$", message = "must be a product id") String productId,
            @NotNull @Min(1) @Max(StockRequest.MAX_QUANTITY) Integer quantity) {
    }

    public record QuoteRequest(@NotNull @NotEmpty @Size(max = 100) List<@NotNull @Valid QuoteLineRequest> lines) {
    }

    /** What an order line needs to show the product. */
    public record ProductSnapshot(String id, String sku, String name, String slug, String image) {
    }

    /**
     * @param reason null when available; NOT_FOUND, NOT_AVAILABLE, OUT_OF_STOCK or INSUFFICIENT_STOCK otherwise
     * @param unitPrice effective price now (absent when the product cannot be bought at all)
     */
    public record QuoteLine(String productId, int quantity, boolean available, int availableQuantity, String reason,
            ProductSnapshot product, Money listPrice, Money unitPrice, OfferResponse offer, Money lineTotal,
            Money discount) {
    }

    /**
     * @param subtotal sum of the line totals of products that are for sale (available or not)
     * @param discountTotal what running offers take off those lines
     */
    public record QuoteResponse(Instant quotedAt, String currency, boolean allAvailable, List<QuoteLine> lines,
            Money subtotal, Money discountTotal) {
    }

    private final Quotes quotes;

    public QuoteResource(Quotes quotes) {
        this.quotes = quotes;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Current prices, availability and product snapshots for order lines", description = "For "
            + "checkout (service to service, with the caller's token). Availability is advisory; stock is held only "
            + "by the reservation that follows OrderPlaced.")
    public Uni<RestResponse<QuoteResponse>> quote(@Valid @NotNull QuoteRequest request) {
        List<StockRequest.Line> lines = request.lines().stream()
                .map(l -> new StockRequest.Line(l.productId(), l.quantity())).toList();
        return quotes.quote(lines).map(q -> RestResponse.ok(respond(q)));
    }

    private static QuoteResponse respond(Quotes.Quote quote) {
        String currency = quote.currency();
        long subtotal = 0;
        long discount = 0;
        List<QuoteLine> lines = new ArrayList<>();
        for (Quotes.QuotedLine l : quote.lines()) {
            Product p = l.product();
            ProductSnapshot snapshot = p == null ? null
                    : new ProductSnapshot(p.id(), p.sku(), p.name(), p.slug(),
                            p.primaryImage() == null ? null : ProductImage.urlOf(p.primaryImage().id()));
            if (!l.priced()) {
                lines.add(new QuoteLine(l.productId(), l.quantity(), false, l.availableQuantity(), l.reason(),
                        snapshot, null, null, null, null, null));
                continue;
            }
            long lineTotal = Math.multiplyExact(l.unitPrice(), l.quantity());
            long lineDiscount = Math.multiplyExact(p.price() - l.unitPrice(), l.quantity());
            subtotal += lineTotal;
            discount += lineDiscount;
            OfferResponse offer = p.offer() == null || !p.onSale(quote.quotedAt()) ? null
                    : new OfferResponse(p.offer().percent(), p.offer().validFrom(), p.offer().validTo(),
                            p.offer().label(), true);
            lines.add(new QuoteLine(l.productId(), l.quantity(), l.available(), l.availableQuantity(), l.reason(),
                    snapshot, new Money(p.price(), currency), new Money(l.unitPrice(), currency), offer,
                    new Money(lineTotal, currency), new Money(lineDiscount, currency)));
        }
        return new QuoteResponse(quote.quotedAt(), currency, quote.allAvailable(), lines, new Money(subtotal, currency),
                new Money(discount, currency));
    }
}
