package dev.shop.catalog.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.shop.catalog.domain.Brand;
import dev.shop.catalog.domain.Category;
import dev.shop.catalog.domain.CategoryTree;
import dev.shop.catalog.domain.Codes;
import dev.shop.catalog.domain.VehicleModel;

/** Request and response bodies of the brand, vehicle model and category endpoints. */
public final class TaxonomyDtos {

    private TaxonomyDtos() {
    }

    public record BrandRequest(
            @NotBlank @Pattern(regexp = Codes.BRAND_CODE, message = "must be 2-10 upper-case letters or digits") String code,
            @NotBlank @Size(max = 80) String name,
            @Size(max = 1000) String description) {
    }

    public record BrandUpdateRequest(
            @NotBlank @Size(max = 80) String name,
            @Size(max = 1000) String description,
            @NotNull @PositiveOrZero Long version) {
    }

    public record BrandResponse(String code, String name, String description, Instant createdAt, Instant updatedAt,
            long version) {
        static BrandResponse of(Brand b) {
            return new BrandResponse(b.code(), b.name(), b.description(), b.createdAt(), b.updatedAt(), b.version());
        }
    }

    public record ModelRequest(
            @NotBlank @Pattern(regexp = Codes.MODEL_CODE, message = "must be 1-20 upper-case letters, digits or inner hyphens") String code,
            @NotBlank @Size(max = 80) String name,
            @Min(1900) @Max(2100) Integer yearFrom,
            @Min(1900) @Max(2100) Integer yearTo) {
    }

    public record ModelUpdateRequest(
            @NotBlank @Size(max = 80) String name,
            @Min(1900) @Max(2100) Integer yearFrom,
            @Min(1900) @Max(2100) Integer yearTo,
            @NotNull @PositiveOrZero Long version) {
    }

    public record ModelResponse(String brand, String code, String name, Integer yearFrom, Integer yearTo,
            Instant createdAt, Instant updatedAt, long version) {
        static ModelResponse of(VehicleModel m) {
            return new ModelResponse(m.brand(), m.code(), m.name(), m.yearFrom(), m.yearTo(), m.createdAt(),
                    m.updatedAt(), m.version());
        }
    }

    public record CategoryRequest(
            @NotBlank @Size(max = 80) String name,
            @NotBlank @Size(max = 60) @Pattern(regexp = Codes.SLUG, message = "must be lower-case words joined by hyphens") String slug,
            String parentId,
            @Min(0) @Max(10000) Integer sortOrder,
            @Size(max = 1000) String description) {
    }

    public record CategoryUpdateRequest(
            @NotBlank @Size(max = 80) String name,
            @NotBlank @Size(max = 60) @Pattern(regexp = Codes.SLUG, message = "must be lower-case words joined by hyphens") String slug,
            String parentId,
            @Min(0) @Max(10000) Integer sortOrder,
            @Size(max = 1000) String description,
            @NotNull @PositiveOrZero Long version) {
    }

    /** A category in the tree answer, with its sub-categories. */
    public record CategoryNode(String id, String slug, String name, String description, String parentId,
            int sortOrder, int depth, List<CategoryNode> children) {

        static List<CategoryNode> forest(CategoryTree tree) {
            return tree.roots().stream().map(c -> of(tree, c, 1)).toList();
        }

        private static CategoryNode of(CategoryTree tree, Category c, int depth) {
            return new CategoryNode(c.id(), c.slug(), c.name(), c.description(), c.parentId(), c.sortOrder(), depth,
                    tree.children(c.id()).stream().map(child -> of(tree, child, depth + 1)).toList());
        }
    }

    public record CategoryRef(String id, String slug, String name) {
        static CategoryRef of(Category c) {
            return new CategoryRef(c.id(), c.slug(), c.name());
        }
    }

    /** One category with its breadcrumb ({@code path}, root first) and direct children. */
    public record CategoryResponse(String id, String slug, String name, String description, String parentId,
            int sortOrder, int depth, List<CategoryRef> path, List<CategoryRef> children, Instant createdAt,
            Instant updatedAt, long version) {

        static CategoryResponse of(CategoryTree tree, Category c) {
            List<CategoryRef> path = tree.path(c.id()).stream().map(CategoryRef::of).toList();
            return new CategoryResponse(c.id(), c.slug(), c.name(), c.description(), c.parentId(), c.sortOrder(),
                    path.isEmpty() ? 1 : path.size(), path,
                    tree.children(c.id()).stream().map(CategoryRef::of).toList(), c.createdAt(), c.updatedAt(),
                    c.version());
        }
    }
}
