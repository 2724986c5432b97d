package dev.shop.catalog.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Filtering, relevance, sorting, paging and facet counts over the products of the in-memory view. User input never
 * becomes a pattern or a database operator: {@code q} is matched as plain text, token by token, case-insensitively.
 * <p>
 * Facets are disjunctive: each facet counts the products that match every filter except its own, so a shopper who
 * picked one brand still sees how many products the other brands have.
 */
public final class ProductSearch {

    /** Lower bounds of the price bands in minor units (₹0, ₹500, ₹1,000, ₹2,500, ₹5,000, ₹10,000). */
    static final long[] PRICE_BANDS = { 0, 50_000, 100_000, 250_000, 500_000, 1_000_000 };
    public static final int MAX_QUERY_LENGTH = 100;
    private static final int MAX_TOKENS = 10;

    private ProductSearch() {
    }

    public enum Sort {
        RELEVANCE("relevance"),
        PRICE("price"),
        PRICE_DESC("-price"),
        NEWEST("newest"),
        RATING("rating"),
        POPULAR("popular");

        private final String wire;

        Sort(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Optional<Sort> parse(String value) {
            return Arrays.stream(values()).filter(s -> s.wire.equalsIgnoreCase(value.trim())).findFirst();
        }

        public static String allowed() {
            return String.join(", ", Arrays.stream(values()).map(Sort::wire).toList());
        }
    }

    /**
     * @param q free text, or null
     * @param categoryIds the category filter with its sub-tree, or null for any category
     * @param brand brand code (the brand a product is listed under or a brand of its fitment), or null
     * @param model model code of {@code brand}'s fitment, or null
     * @param minPrice lowest effective price (inclusive, minor units), or null
     * @param maxPrice highest effective price (inclusive, minor units), or null
     * @param inStock only (un)available products, or null for both
     * @param onSale only products with(out) an offer running now, or null for both
     * @param statuses statuses to include (customers: active only)
     */
    public record Criteria(String q, Set<String> categoryIds, String brand, String model, Long minPrice,
            Long maxPrice, Boolean inStock, Boolean onSale, Set<ProductStatus> statuses, Sort sort, int offset,
            int limit) {

        /** What decides the matching products, their order and the facets: equal selections, equal results. */
        public Selection selection() {
            return new Selection(tokens(q), categoryIds, brand, model, minPrice, maxPrice, inStock, onSale, statuses,
                    sort);
        }
    }

    /**
     * The normalised part of a search that decides which products match, in which order, and the facet counts; paging
     * aside. Queries that differ only in case or spacing of {@code q} have the same selection.
     */
    public record Selection(List<String> tokens, Set<String> categoryIds, String brand, String model, Long minPrice,
            Long maxPrice, Boolean inStock, Boolean onSale, Set<ProductStatus> statuses, Sort sort) {
    }

    /**
     * A search as asked, before the category reference is resolved.
     *
     * @param category a category id or slug; its sub-categories are included. An unknown category matches nothing.
     */
    public record Query(String q, String category, String brand, String model, Long minPrice, Long maxPrice,
            Boolean inStock, Boolean onSale, Set<ProductStatus> statuses, Sort sort, int offset, int limit) {

        /** The criteria of this query, with the category resolved in {@code categories}. */
        public Criteria toCriteria(CategoryTree categories) {
            Set<String> categoryIds = category == null ? null
                    : categories.find(category).map(c -> categories.subtreeIds(c.id())).orElse(Set.of());
            return new Criteria(q, categoryIds, brand, model, minPrice, maxPrice, inStock, onSale, statuses, sort,
                    offset, limit);
        }
    }

    /**
     * A product with its lower-cased searchable text, built once per change rather than per query. Its brands are the
     * brand it is listed under and the brands of the vehicles it fits: a search for a vehicle maker finds the parts
     * that fit its vehicles.
     */
    public record Entry(Product product, Map<String, String> brands, String name, String sku, String brandText,
            String description) {

        /** @param brandName the display name of a brand code (the code itself when unknown) */
        public static Entry of(Product product, java.util.function.Function<String, String> brandName) {
            Map<String, String> brands = new java.util.LinkedHashMap<>();
            brands.put(product.brand(), brandName.apply(product.brand()));
            product.models().forEach(f -> brands.putIfAbsent(f.brand(), brandName.apply(f.brand())));
            StringBuilder text = new StringBuilder();
            brands.forEach((code, name) -> text.append(code).append(' ').append(name).append('\n'));
            return new Entry(product, Map.copyOf(brands), lower(product.name()), lower(product.sku()),
                    lower(text.toString()), lower(product.description()));
        }

        boolean contains(String token) {
            return name.contains(token) || sku.contains(token) || brandText.contains(token)
                    || description.contains(token);
        }
    }

    public record CategoryCount(String categoryId, long count) {
    }

    public record BrandCount(String brand, String name, long count) {
    }

    /** Products whose effective price is in {@code [min, max)}; {@code max} null for the open top band. */
    public record PriceBand(long min, Long max, long count) {
    }

    public record Facets(List<CategoryCount> categories, List<BrandCount> brands, List<PriceBand> priceBands) {
    }

    public record Result(List<Product> items, long total, Facets facets) {
    }

    /** Every product a selection matches, in order, with the facet counts: each page of the search is a slice. */
    public record Matches(List<Product> products, Facets facets) {

        public Result page(int offset, int limit) {
            int from = Math.min(offset, products.size());
            int to = Math.min(from + limit, products.size());
            return new Result(products.subList(from, to), products.size(), facets);
        }
    }

    public static Result search(Collection<Entry> entries, Criteria criteria, CategoryTree tree, Instant now) {
        return match(entries, criteria.selection(), tree, now).page(criteria.offset(), criteria.limit());
    }

    public static Matches match(Collection<Entry> entries, Selection criteria, CategoryTree tree, Instant now) {
        List<String> tokens = criteria.tokens();
        String phrase = tokens.isEmpty() ? null : String.join(" ", tokens);

        List<Entry> matching = new ArrayList<>();
        Map<String, Long> byCategory = new HashMap<>();
        Map<String, Long> byBrand = new HashMap<>();
        Map<String, String> brandNames = new HashMap<>();
        long[] bands = new long[PRICE_BANDS.length];

        for (Entry entry : entries) {
            Product p = entry.product();
            if (!criteria.statuses().contains(p.status()) || !matchesText(entry, tokens)
                    || !matchesModel(p, criteria) || !matchesStock(p, criteria) || !matchesSale(p, criteria, now)) {
                continue;
            }
            long price = p.effectivePrice(now);
            boolean category = criteria.categoryIds() == null || criteria.categoryIds().contains(p.categoryId());
            boolean brand = criteria.brand() == null || entry.brands().containsKey(criteria.brand());
            boolean inRange = (criteria.minPrice() == null || price >= criteria.minPrice())
                    && (criteria.maxPrice() == null || price <= criteria.maxPrice());

            if (brand && inRange) {
                byCategory.merge(p.categoryId(), 1L, Long::sum);
            }
            if (category && inRange) {
                entry.brands().forEach((code, name) -> {
                    byBrand.merge(code, 1L, Long::sum);
                    brandNames.putIfAbsent(code, name);
                });
            }
            if (category && brand) {
                bands[band(price)]++;
            }
            if (category && brand && inRange) {
                matching.add(entry);
            }
        }

        matching.sort(comparator(criteria.sort(), phrase, tokens, now));
        return new Matches(matching.stream().map(Entry::product).toList(),
                new Facets(rollUp(byCategory, tree), brandCounts(byBrand, brandNames), priceBands(bands)));
    }

    /** Lower-cased, whitespace-separated words of the query (at most ten). */
    public static List<String> tokens(String q) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        return Arrays.stream(lower(q).trim().split("\\s+"))
                .filter(t -> !t.isEmpty())
                .limit(MAX_TOKENS)
                .toList();
    }

    private static boolean matchesText(Entry entry, List<String> tokens) {
        for (String token : tokens) {
            if (!entry.contains(token)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesModel(Product p, Selection c) {
        if (c.model() == null) {
            return true;
        }
        for (Fitment f : p.models()) {
            if (f.model().equals(c.model()) && f.brand().equals(c.brand())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesStock(Product p, Selection c) {
        return c.inStock() == null || c.inStock() == p.inStock();
    }

    private static boolean matchesSale(Product p, Selection c, Instant now) {
        return c.onSale() == null || c.onSale() == p.onSale(now);
    }

    private static int band(long price) {
        for (int i = PRICE_BANDS.length - 1; i > 0; i--) {
            if (price >= PRICE_BANDS[i]) {
                return i;
            }
        }
        return 0;
    }

    private static List<PriceBand> priceBands(long[] counts) {
        List<PriceBand> bands = new ArrayList<>();
        for (int i = 0; i < PRICE_BANDS.length; i++) {
            Long max = i + 1 < PRICE_BANDS.length ? PRICE_BANDS[i + 1] : null;
            bands.add(new PriceBand(PRICE_BANDS[i], max, counts[i]));
        }
        return bands;
    }

    /** A category's count includes its sub-categories, as the category filter does. */
    private static List<CategoryCount> rollUp(Map<String, Long> direct, CategoryTree tree) {
        Map<String, Long> total = new HashMap<>();
        direct.forEach((categoryId, count) -> {
            List<Category> path = tree.path(categoryId);
            if (path.isEmpty()) {
                total.merge(categoryId, count, Long::sum);
            }
            path.forEach(c -> total.merge(c.id(), count, Long::sum));
        });
        return total.entrySet().stream()
                .map(e -> new CategoryCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(CategoryCount::count).reversed()
                        .thenComparing(CategoryCount::categoryId))
                .toList();
    }

    private static List<BrandCount> brandCounts(Map<String, Long> counts, Map<String, String> names) {
        return counts.entrySet().stream()
                .map(e -> new BrandCount(e.getKey(), names.get(e.getKey()), e.getValue()))
                .sorted(Comparator.comparingLong(BrandCount::count).reversed().thenComparing(BrandCount::brand))
                .toList();
    }

    private static Comparator<Entry> comparator(Sort sort, String phrase, List<String> tokens, Instant now) {
        Comparator<Entry> byId = Comparator.comparing(e -> e.product().id());
        Comparator<Entry> popular = Comparator.<Entry> comparingLong(e -> e.product().soldCount()).reversed()
                .thenComparing(Comparator.<Entry> comparingDouble(e -> e.product().ratingAverage()).reversed());
        Comparator<Entry> primary = switch (sort) {
            case PRICE -> Comparator.comparingLong(e -> e.product().effectivePrice(now));
            case PRICE_DESC -> Comparator.<Entry> comparingLong(e -> e.product().effectivePrice(now)).reversed();
            case NEWEST -> Comparator.comparing((Entry e) -> e.product().createdAt()).reversed();
            case RATING -> Comparator.<Entry> comparingDouble(e -> e.product().ratingAverage()).reversed()
                    .thenComparing(Comparator.<Entry> comparingInt(e -> e.product().ratingCount()).reversed());
            case POPULAR -> popular;
            case RELEVANCE -> phrase == null ? popular
                    : Comparator.<Entry> comparingInt(e -> score(e, phrase, tokens)).reversed().thenComparing(popular);
        };
        return primary.thenComparing(byId);
    }

    /** Name matches weigh most, then SKU, brand and description; the whole phrase in the name weighs extra. */
    static int score(Entry e, String phrase, List<String> tokens) {
        int score = 0;
        if (e.sku().equals(phrase)) {
            score += 100;
        }
        if (e.name().contains(phrase)) {
            score += e.name().startsWith(phrase) ? 60 : 40;
        }
        for (String token : tokens) {
            if (e.name().contains(token)) {
                score += startsWord(e.name(), token) ? 30 : 20;
            }
            if (e.sku().contains(token)) {
                score += 15;
            }
            if (e.brandText().contains(token)) {
                score += 10;
            }
            if (e.description().contains(token)) {
                score += 3;
            }
        }
        return score;
    }

    private static boolean startsWord(String text, String token) {
        int at = text.indexOf(token);
        while (at >= 0) {
            if (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1))) {
                return true;
            }
            at = text.indexOf(token, at + 1);
        }
        return false;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
