package dev.shop.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.catalog.ProductCreated;
import dev.shop.contracts.catalog.ProductDeleted;
import dev.shop.contracts.catalog.ProductUpdated;
import dev.shop.contracts.catalog.StockAdjusted;
import dev.shop.contracts.catalog.StockLow;
import dev.shop.kit.aggregate.StaleVersionException;
import dev.shop.kit.problem.ProblemException;

class CatalogEntryTest {

    private static final String ID = "6560a1f2c3d4e5f601234567";
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void aNewProductIsAtVersionOneAndAnnouncesItsInitialStock() {
        CatalogEntry entry = entry(8);

        assertThat(entry.product().version()).isEqualTo(1);
        assertThat(entry.product().slug()).isEqualTo("brake-pad-set-brk-001");
        assertThat(entry.created()).singleElement().isInstanceOfSatisfying(ProductCreated.class,
                e -> assertThat(e.product().stock()).isEqualTo(8));
    }

    @Test
    void anEditNeedsTheVersionItWasMadeOnCountsItselfAndNamesWhatChanged() {
        CatalogEntry entry = entry(8);

        assertThatThrownBy(() -> entry.edit(details("Brake pad set", 1500, ProductStatus.ACTIVE), 7, NOW))
                .isInstanceOf(StaleVersionException.class);
        assertThat(entry.edit(details("Brake pad set", 1000, ProductStatus.ACTIVE), 1, NOW)).isEmpty();

        List<Object> events = entry.edit(details("Front brake pads", 1500, ProductStatus.ACTIVE), 1, NOW);

        assertThat(entry.product().version()).isEqualTo(2);
        assertThat(entry.product().slug()).isEqualTo("front-brake-pads-brk-001");
        assertThat(events).singleElement().isInstanceOfSatisfying(ProductUpdated.class, e -> {
            assertThat(e.changes()).containsExactly("name", "price");
            assertThat(e.product().stock()).isEqualTo(8);
        });
        assertThatThrownBy(() -> entry.edit(details("Front brake pads", 1500, ProductStatus.DRAFT), 2, NOW))
                .isInstanceOf(ProblemException.class).hasMessageContaining("archive it instead");
    }

    @Test
    void stockLevelsAreAnnouncedOncePerChangeAndStockLowOncePerDownwardCrossing() {
        CatalogEntry entry = entry(6);
        assertThat(entry.announceStockLevel(5)).isEmpty();

        assertThat(entry.adjustStock(-2, "damaged", "admin-1", NOW)).singleElement()
                .isEqualTo(new StockAdjusted(ID, "BRK-001", -2, 6, 4, "damaged", "admin-1"));
        assertThat(entry.product().version()).isEqualTo(1);
        assertThat(entry.announceStockLevel(5)).satisfiesExactly(
                e -> assertThat(((ProductUpdated) e).changes()).containsExactly("stock"),
                e -> assertThat(((StockLow) e).stock()).isEqualTo(4));
        assertThat(entry.announceStockLevel(5)).isEmpty();

        entry.adjustStock(-1, "stock-take", "admin-1", NOW);
        assertThat(entry.announceStockLevel(5)).singleElement().isInstanceOf(ProductUpdated.class);
        assertThatThrownBy(() -> entry.adjustStock(-4, "too many", "admin-1", NOW))
                .isInstanceOf(ProblemException.class).hasMessageContaining("Only 3 units");
    }

    @Test
    void aDeletedProductIsATombstoneThatTakesNoMoreCommands() {
        CatalogEntry entry = entry(1);

        assertThat(entry.delete(NOW)).singleElement().isInstanceOf(ProductDeleted.class);
        assertThat(entry.product().status()).isEqualTo(ProductStatus.ARCHIVED);
        assertThatThrownBy(() -> entry.delete(NOW)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(404));
        assertThatThrownBy(() -> entry.adjustStock(1, "x", "a", NOW)).isInstanceOf(ProblemException.class);
    }

    @Test
    void imagesAreAddedUpToTheLimitReorderedAsAWholeAndRemoved() {
        CatalogEntry entry = entry(1);
        entry.attachImage(image("a"), 2, NOW);
        entry.attachImage(image("b"), 2, NOW);
        assertThatThrownBy(() -> entry.attachImage(image("c"), 2, NOW)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("at most 2");

        assertThat(entry.reorderImages(List.of("a", "b"), NOW)).isEmpty();
        assertThatThrownBy(() -> entry.reorderImages(List.of("a"), NOW)).isInstanceOf(ProblemException.class);
        assertThat(entry.reorderImages(List.of("b", "a"), NOW)).singleElement()
                .isInstanceOfSatisfying(ProductUpdated.class, e -> assertThat(e.changes()).containsExactly("images"));
        entry.detachImage("b", NOW);
        assertThat(entry.product().images()).extracting(ProductImage::id).containsExactly("a");
        assertThatThrownBy(() -> entry.detachImage("b", NOW)).isInstanceOf(ProblemException.class);
    }

    private static CatalogEntry entry(int stock) {
        return CatalogEntry.create(ID, details("Brake pad set", 1000, ProductStatus.ACTIVE), "INR", stock, List.of(),
                NOW);
    }

    private static ProductDetails details(String name, long price, ProductStatus status) {
        return new ProductDetails("BRK-001", name, null, "HON", List.of(), "cat-1", Map.of(), price, null, status);
    }

    private static ProductImage image(String id) {
        return new ProductImage(id, "image/png", 10, null);
    }
}
