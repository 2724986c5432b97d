package dev.shop.catalog.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.shop.catalog.domain.Category;
import dev.shop.catalog.domain.CategoryTree;
import dev.shop.catalog.domain.Codes;
import dev.shop.catalog.domain.ImageFormat;
import dev.shop.catalog.domain.Offer;
import dev.shop.catalog.domain.ProductStatus;

class DemoCatalogTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void isLargeEnoughForTheLocalStack() {
        List<DemoCatalog.DemoProduct> products = DemoCatalog.products(320, NOW);

        assertThat(DemoCatalog.brands()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(DemoCatalog.models()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(DemoCatalog.categories()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(products).hasSizeGreaterThanOrEqualTo(300);
        assertThat(products).allSatisfy(p -> assertThat(p.details().status()).isEqualTo(ProductStatus.ACTIVE));
        assertThat(products).filteredOn(p -> p.details().offer() != null && p.details().offer().activeAt(NOW))
                .hasSizeGreaterThan(20);
        assertThat(products).filteredOn(p -> p.stock() == 0).hasSizeGreaterThan(10);
        assertThat(products).filteredOn(p -> p.stock() > 0).hasSizeGreaterThan(250);
    }

    @Test
    void everythingIsValidAndConsistent() {
        List<DemoCatalog.DemoProduct> products = DemoCatalog.products(320, NOW);
        Set<String> brands = DemoCatalog.brands().stream().map(DemoCatalog.DemoBrand::code).collect(Collectors.toSet());
        Set<String> models = DemoCatalog.models().stream().map(m -> m.brand() + ":" + m.code())
                .collect(Collectors.toSet());
        List<DemoCatalog.DemoCategory> categories = DemoCatalog.categories();
        CategoryTree tree = new CategoryTree(categories.stream().map(c -> new Category(c.id(), c.slug(), c.name(),
                null, categories.stream().filter(p -> p.slug().equals(c.parentSlug())).map(DemoCatalog.DemoCategory::id)
                        .findFirst().orElse(null),
                0, NOW, NOW, 1)).toList());

        assertThat(brands).allMatch(Codes::isBrandCode);
        assertThat(DemoCatalog.models()).allSatisfy(m -> assertThat(Codes.isModelCode(m.code())).isTrue());
        assertThat(categories).allSatisfy(c -> {
            assertThat(c.slug()).matches(Codes.SLUG);
            assertThat(tree.depth(c.id())).isBetween(1, CategoryTree.MAX_DEPTH);
        });
        assertThat(products.stream().map(p -> p.details().sku()).distinct()).hasSize(products.size());
        assertThat(products.stream().map(DemoCatalog.DemoProduct::id).distinct()).hasSize(products.size());
        assertThat(products).allSatisfy(p -> {
            assertThat(p.details().sku()).matches(Codes.SKU);
            assertThat(brands).contains(p.details().brand());
            assertThat(p.details().models()).allSatisfy(f -> assertThat(models).contains(f.key()));
            assertThat(tree.byId(p.details().categoryId())).isPresent();
            assertThat(p.details().price()).isPositive();
            Offer offer = p.details().offer();
            if (offer != null) {
                assertThat(Offer.check("offer", offer.percent(), offer.validFrom(), offer.validTo())).isEmpty();
            }
        });
    }

    @Test
    void isTheSameEveryTime() {
        assertThat(DemoCatalog.products(320, NOW)).isEqualTo(DemoCatalog.products(320, NOW));
        assertThat(DemoCatalog.categories()).isEqualTo(DemoCatalog.categories());
    }

    @Test
    void picturesArePngsOfTheirTextAndRepeatable() throws IOException {
        byte[] png = PlaceholderImages.png("Front brake pads (ceramic)", "Honda City");

        assertThat(ImageFormat.sniff(png, png.length)).contains(ImageFormat.PNG);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(300);
        assertThat(png.length).isLessThan(64 * 1024);
        assertThat(PlaceholderImages.png("Front brake pads (ceramic)", "Honda City")).isEqualTo(png);
        assertThat(PlaceholderImages.png("Oil filter", "Honda City")).isNotEqualTo(png);
    }
}
