package dev.shop.catalog.api;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;

import dev.shop.catalog.domain.Codes;
import dev.shop.catalog.domain.ProductSearch;
import dev.shop.catalog.domain.ProductStatus;
import dev.shop.contracts.http.Problem;
import dev.shop.kit.page.PageParams;
import dev.shop.kit.page.PageRequest;
import dev.shop.kit.problem.ProblemException;

/**
 * The query parameters of {@code GET /products}, bound as one {@code @BeanParam}. {@link #toQuery} checks them all and
 * answers 400 naming every invalid one at once; otherwise it is the domain's query.
 */
public class ProductSearchParams {

    @QueryParam("q")
    String q;
    @QueryParam("category")
    String category;
    @QueryParam("brand")
    String brand;
    @QueryParam("model")
    String model;
    @QueryParam("minPrice")
    String minPrice;
    @QueryParam("maxPrice")
    String maxPrice;
    @QueryParam("inStock")
    String inStock;
    @QueryParam("onSale")
    String onSale;
    @QueryParam("sort")
    String sort;
    @QueryParam("status")
    String status;
    @BeanParam
    PageParams paging;

    /** Whether the caller asks for products that are not active (which only admins may). */
    public boolean asksForHidden() {
        return blankToNull(status) != null && !"active".equalsIgnoreCase(status.trim());
    }

    /**
     * @throws ProblemException 400 with a violation per invalid parameter
     */
    public ProductSearch.Query toQuery() {
        List<Problem.Violation> violations = new ArrayList<>();
        PageRequest page = PageRequest.parse(null, null);
        try {
            page = paging == null ? page : paging.toRequest();
        } catch (ProblemException e) {
            violations.addAll(e.violations());
        }
        String text = blankToNull(q);
        if (text != null && text.length() > ProductSearch.MAX_QUERY_LENGTH) {
            violations.add(new Problem.Violation("q", "must be at most " + ProductSearch.MAX_QUERY_LENGTH
                    + " characters"));
        }
        String categoryRef = blankToNull(category);
        if (categoryRef != null && categoryRef.length() > 80) {
            violations.add(new Problem.Violation("category", "must be a category id or slug"));
        }
        String brandCode = Codes.normalize(blankToNull(brand));
        if (brandCode != null && !Codes.isBrandCode(brandCode)) {
            violations.add(new Problem.Violation("brand", "must be a brand code"));
        }
        String modelCode = Codes.normalize(blankToNull(model));
        if (modelCode != null && !Codes.isModelCode(modelCode)) {
            violations.add(new Problem.Violation("model", "must be a model code"));
        } else if (modelCode != null && brandCode == null) {
            violations.add(new Problem.Violation("model", "needs brand: model codes are unique within a brand"));
        }
        Long min = amount("minPrice", minPrice, violations);
        Long max = amount("maxPrice", maxPrice, violations);
        if (min != null && max != null && max < min) {
            violations.add(new Problem.Violation("maxPrice", "must not be below minPrice"));
        }
        Boolean stocked = bool("inStock", inStock, violations);
        Boolean sale = bool("onSale", onSale, violations);
        ProductSearch.Sort order = text == null ? ProductSearch.Sort.POPULAR : ProductSearch.Sort.RELEVANCE;
        if (blankToNull(sort) != null) {
            order = ProductSearch.Sort.parse(sort).orElse(null);
            if (order == null) {
                violations.add(new Problem.Violation("sort", "must be one of " + ProductSearch.Sort.allowed()));
            }
        }
        Set<ProductStatus> statuses = statuses(violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new ProductSearch.Query(text, categoryRef, brandCode, modelCode, min, max, stocked, sale, statuses,
                order, page.offset(), page.size());
    }

    /** The page asked for (call after {@link #toQuery}, which has checked it). */
    public PageRequest page() {
        return paging == null ? PageRequest.parse(null, null) : paging.toRequest();
    }

    private Set<ProductStatus> statuses(List<Problem.Violation> violations) {
        String value = blankToNull(status);
        if (value == null) {
            return EnumSet.of(ProductStatus.ACTIVE);
        }
        if ("all".equalsIgnoreCase(value)) {
            return EnumSet.allOf(ProductStatus.class);
        }
        var parsed = ProductStatus.parse(value);
        if (parsed.isEmpty()) {
            violations.add(new Problem.Violation("status", "must be active, draft, archived or all"));
            return EnumSet.of(ProductStatus.ACTIVE);
        }
        return EnumSet.of(parsed.get());
    }

    private static Long amount(String name, String raw, List<Problem.Violation> violations) {
        String value = blankToNull(raw);
        if (value == null) {
            return null;
        }
        try {
            long amount = Long.parseLong(value);
            if (amount >= 0) {
                return amount;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        violations.add(new Problem.Violation(name, "must be a non-negative amount in minor units"));
        return null;
    }

    private static Boolean bool(String name, String raw, List<Problem.Violation> violations) {
        String value = blankToNull(raw);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                violations.add(new Problem.Violation(name, "must be true or false"));
                yield null;
            }
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
