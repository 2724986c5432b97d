package dev.shop.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProductSearchTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private final CategoryTree tree = new CategoryTree(List.of(
            new Category("root", "root", "Root", null, null, 0, NOW, NOW, 1),
            new Category("leaf", "leaf", "Leaf", null, "root", 0, NOW, NOW, 1)));

    private static Product product(String id, String name, String brand, long price, int stock, long sold) {
        return new Product(id, "SKU-" + id.toUpperCase(), name, id, "desc", brand, List.of(), "leaf", Map.of(), price,
                "INR", null, stock, ProductStatus.ACTIVE, List.of(), 0, 0, sold, NOW, NOW, 1);
    }

    private static ProductSearch.Criteria criteria(String q, ProductSearch.Sort sort) {
        return new ProductSearch.Criteria(q, null, null, null, null, null, null, null,
                EnumSet.of(ProductStatus.ACTIVE), sort, 0, 10);
    }

    private List<ProductSearch.Entry> entries(Product... products) {
        return java.util.Arrays.stream(products).map(p -> ProductSearch.Entry.of(p, code -> "Name of " + code))
                .toList();
    }

    @Test
    void everyTokenMustMatchSomewhereAsPlainText() {
        var entries = entries(product("a", "Brake pad", "B1", 100, 1, 0), product("b", "Brake disc", "B1", 100, 1, 0),
                product("c", "Oil (5W-30) .*", "B2", 100, 1, 0));

        assertThat(ProductSearch.search(entries, criteria("brake PAD", ProductSearch.Sort.RELEVANCE), tree, NOW)
                .items()).extracting(Product::id).containsExactly("a");
        assertThat(ProductSearch.search(entries, criteria(".*", ProductSearch.Sort.RELEVANCE), tree, NOW).items())
                .extracting(Product::id).containsExactly("c");
        assertThat(ProductSearch.search(entries, criteria("name of b2", ProductSearch.Sort.RELEVANCE), tree, NOW)
                .items()).extracting(Product::id).containsExactly("c");
        assertThat(ProductSearch.tokens("  A  b\tC ")).containsExactly("a", "b", "c");
    }

    @Test
    void relevancePrefersNameMatchesThenPopularity() {
        var entries = entries(product("a", "Cable for brake", "B1", 100, 1, 500),
                product("b", "Brake cable", "B1", 100, 1, 1), product("c", "Brake cable", "B1", 100, 1, 9));

        assertThat(ProductSearch.search(entries, criteria("brake cable", ProductSearch.Sort.RELEVANCE), tree, NOW)
                .items()).extracting(Product::id).containsExactly("c", "b", "a");
    }

    @Test
    void statusesOutsideTheCriteriaAreNeverReturned() {
        var entries = entries(product("a", "Part", "B1", 100, 1, 0));
        ProductSearch.Criteria onlyDrafts = new ProductSearch.Criteria(null, null, null, null, null, null, null, null,
                EnumSet.of(ProductStatus.DRAFT), ProductSearch.Sort.POPULAR, 0, 10);

        assertThat(ProductSearch.search(entries, onlyDrafts, tree, NOW).total()).isZero();
    }

    @Test
    void categoryFacetsRollUpToAncestors() {
        var entries = entries(product("a", "A", "B1", 100, 1, 0), product("b", "B", "B2", 700_000, 0, 0));
        var criteria = new ProductSearch.Criteria(null, null, null, null, null, null, null, null,
                EnumSet.of(ProductStatus.ACTIVE), ProductSearch.Sort.PRICE, 0, 10);

        var result = ProductSearch.search(entries, criteria, tree, NOW);

        assertThat(result.facets().categories()).extracting(ProductSearch.CategoryCount::categoryId,
                ProductSearch.CategoryCount::count)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("root", 2L),
                        org.assertj.core.groups.Tuple.tuple("leaf", 2L));
        assertThat(result.facets().priceBands()).extracting(ProductSearch.PriceBand::count)
                .containsExactly(1L, 0L, 0L, 0L, 1L, 0L);
        assertThat(result.facets().brands()).extracting(ProductSearch.BrandCount::name)
                .containsExactlyInAnyOrder("Name of B1", "Name of B2");
    }
}
