package dev.shop.catalog.application;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.shop.catalog.domain.Brand;
import dev.shop.catalog.domain.CategoryTree;
import dev.shop.catalog.domain.VehicleModel;

/** Brands, vehicle models and categories at one moment; small enough to keep in memory whole. */
public record TaxonomySnapshot(List<Brand> brands, Map<String, Brand> brandsByCode,
        Map<String, List<VehicleModel>> modelsByBrand, Set<String> modelKeys, CategoryTree categories,
        long generation) {

    static TaxonomySnapshot of(List<Brand> brands, List<VehicleModel> models, CategoryTree categories,
            long generation) {
        List<Brand> sortedBrands = brands.stream()
                .sorted(Comparator.comparing(Brand::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Brand::code))
                .toList();
        Map<String, Brand> byCode = new LinkedHashMap<>();
        sortedBrands.forEach(b -> byCode.put(b.code(), b));
        Map<String, List<VehicleModel>> byBrand = models.stream()
                .sorted(Comparator.comparing(VehicleModel::name, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(VehicleModel::code))
                .collect(Collectors.groupingBy(VehicleModel::brand, LinkedHashMap::new, Collectors.toList()));
        Set<String> keys = models.stream().map(VehicleModel::key).collect(Collectors.toUnmodifiableSet());
        return new TaxonomySnapshot(sortedBrands, Map.copyOf(byCode), Map.copyOf(byBrand), keys, categories,
                generation);
    }

    public Optional<Brand> brand(String code) {
        return Optional.ofNullable(brandsByCode.get(code));
    }

    public List<VehicleModel> models(String brand) {
        return modelsByBrand.getOrDefault(brand, List.of());
    }

    public Optional<VehicleModel> model(String brand, String code) {
        return models(brand).stream().filter(m -> m.code().equals(code)).findFirst();
    }

    public String brandName(String code) {
        Brand b = brandsByCode.get(code);
        return b == null ? code : b.name();
    }
}
