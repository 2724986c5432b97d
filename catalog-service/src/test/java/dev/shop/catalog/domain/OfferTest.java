package dev.shop.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.http.Problem;

class OfferTest {

    private static final Instant FROM = Instant.parse("2026-11-20T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-27T00:00:00Z");

    @Test
    void theWindowIncludesItsStartAndExcludesItsEnd() {
        Offer offer = new Offer(10, FROM, TO, null);

        assertThat(offer.activeAt(FROM.minusMillis(1))).isFalse();
        assertThat(offer.activeAt(FROM)).isTrue();
        assertThat(offer.activeAt(TO.minusMillis(1))).isTrue();
        assertThat(offer.activeAt(TO)).isFalse();
    }

    @Test
    void theDiscountIsRoundedHalfUpInMinorUnits() {
        assertThat(new Offer(10, FROM, TO, null).applyTo(249_900)).isEqualTo(224_910);
        assertThat(new Offer(15, FROM, TO, null).applyTo(99_999)).isEqualTo(84_999); // 14,999.85 off -> 15,000
        assertThat(new Offer(50, FROM, TO, null).applyTo(1)).isEqualTo(0); // 0.5 off rounds up
        assertThat(new Offer(90, FROM, TO, null).applyTo(100_000_000_000L)).isEqualTo(10_000_000_000L);
    }

    @Test
    void checkNamesEveryProblem() {
        assertThat(Offer.check("offer", 0, TO, FROM)).extracting(Problem.Violation::field)
                .containsExactly("offer.percent", "offer.validTo");
        assertThat(Offer.check("offer", 91, null, null)).extracting(Problem.Violation::field)
                .containsExactly("offer.percent", "offer.validFrom", "offer.validTo");
        assertThat(Offer.check("offer", 90, FROM, TO)).isEmpty();
    }

    @Test
    void aProductSellsAtTheOfferPriceOnlyWhileTheOfferRuns() {
        Product product = new Product("p", "SKU-1", "n", "n-sku-1", null, "B1", List.of(), "c", Map.of(), 10_000,
                "INR", new Offer(20, FROM, TO, "Sale"), 3, ProductStatus.ACTIVE, List.of(), 0, 0, 0, FROM, FROM, 1);

        assertThat(product.effectivePrice(FROM.minusSeconds(1))).isEqualTo(10_000);
        assertThat(product.effectivePrice(FROM)).isEqualTo(8_000);
        assertThat(product.onSale(TO)).isFalse();
        assertThat(product.stockStatus(5)).isEqualTo(StockStatus.LOW_STOCK);
    }
}
