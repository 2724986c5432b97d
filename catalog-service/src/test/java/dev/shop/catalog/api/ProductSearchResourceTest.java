package dev.shop.catalog.api;

import static dev.shop.catalog.CatalogFixtures.asAdmin;
import static dev.shop.catalog.CatalogFixtures.createBrand;
import static dev.shop.catalog.CatalogFixtures.createCategory;
import static dev.shop.catalog.CatalogFixtures.createModel;
import static dev.shop.catalog.CatalogFixtures.createProduct;
import static dev.shop.catalog.CatalogFixtures.offer;
import static dev.shop.catalog.CatalogFixtures.product;
import static dev.shop.catalog.CatalogFixtures.sku;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.catalog.CatalogFixtures;
import dev.shop.catalog.application.ProductView;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.catalog.persistence.ProductWrites;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Search over a seeded set of seven products. Every product name carries a token unique to this run, so other tests'
 * products never take part in the assertions.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class ProductSearchResourceTest {

    /** The seeded set, created once for the class. */
    static Seed seed;

    record Seed(String token, String brandA, String brandB, String root, String c1, String c2, String other,
            String rootSlug, String pad, String disc, String oilFilter, String airFilter, String plug, String draft,
            String archived) {
    }

    @Inject
    ProductRepository repository;
    @Inject
    ProductView view;

    @BeforeEach
    void seedOnce() {
        if (seed == null) {
            seed = createSeed();
        }
    }

    private Seed createSeed() {
        String token = "zq" + CatalogFixtures.unique(6).toLowerCase(Locale.ROOT);
        String a = createBrand();
        String b = createBrand();
        createModel(a, "M1", "Model one");
        createModel(a, "M2", "Model two");
        createModel(b, "M3", "Model three");
        String root = createCategory("Brakes and filters", null);
        String c1 = createCategory("Brakes", root);
        String c2 = createCategory("Filters", root);
        String other = createCategory("Air", null);
        String rootSlug = given().when().get("/api/v1/categories/" + root).then().extract().path("slug");
        Instant now = Instant.now();

        Map<String, Object> pad = product(sku(), token + " brake pad front", a, c1, 40_000);
        pad.put("models", List.of(Map.of("brand", a, "model", "M1")));
        pad.put("stock", 10);
        String padId = createProduct(pad);

        Map<String, Object> disc = product(sku(), token + " brake disc", a, c1, 120_000);
        disc.put("models", List.of(Map.of("brand", a, "model", "M2")));
        disc.put("offer", offer(50, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS)));
        disc.put("stock", 0);
        String discId = createProduct(disc);

        Map<String, Object> oil = product(sku(), token + " oil filter", b, c2, 30_000);
        oil.put("models", List.of(Map.of("brand", b, "model", "M3")));
        oil.put("description", "Filter (OEM) [v2] .* $ne {\"$gt\": 0} ^a|b");
        oil.put("offer", offer(20, now.plus(1, ChronoUnit.DAYS), now.plus(2, ChronoUnit.DAYS)));
        oil.put("stock", 5);
        String oilId = createProduct(oil);

        Map<String, Object> air = product(sku(), token + " air filter", b, other, 600_000);
        air.put("offer", offer(30, now.minus(2, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS)));
        air.put("stock", 3);
        String airId = createProduct(air);

        Map<String, Object> plug = product(sku(), token + " spark plug", a, c2, 9_900);
        plug.put("models", List.of(Map.of("brand", b, "model", "M3")));
        plug.put("description", "Pairs with any oil filter");
        plug.put("stock", 100);
        String plugId = createProduct(plug);

        Map<String, Object> draft = product(sku(), token + " draft item", a, c1, 1_000);
        draft.put("status", "draft");
        String draftId = createProduct(draft);
        Map<String, Object> archived = product(sku(), token + " archived item", b, c1, 1_000);
        archived.put("status", "archived");
        String archivedId = createProduct(archived);

        // Ratings and sales come from reviews and orders; seed them directly for the sort tests.
        seedCounters(oilId, 0, 2, 10);
        seedCounters(padId, 0, 1, 4);
        seedCounters(airId, 50, 0, 0);
        seedCounters(discId, 20, 0, 0);
        seedCounters(plugId, 10, 0, 0);

        return new Seed(token, a, b, root, c1, c2, other, rootSlug, padId, discId, oilId, airId, plugId, draftId,
                archivedId);
    }

    private void seedCounters(String id, long sold, int ratingCount, long ratingSum) {
        ObjectId oid = new ObjectId(id);
        repository.mongoCollection().updateOne(Filters.eq("_id", oid),
                Updates.combine(Updates.set("soldCount", sold), Updates.set("ratingCount", ratingCount),
                        Updates.set("ratingSum", ratingSum), ProductWrites.touch()))
                .await().indefinitely();
        view.refresh(oid).await().indefinitely();
    }

    private RequestSpecification search() {
        return given().queryParam("q", seed.token()).queryParam("size", 100);
    }

    private static List<String> ids(JsonPath page) {
        return page.getList("items.id");
    }

    @Test
    void customersSeeActiveProductsOnly() {
        JsonPath page = search().when().get("/api/v1/products").then().statusCode(200).extract().jsonPath();

        assertThat(page.getLong("total")).isEqualTo(5);
        assertThat(ids(page)).containsExactlyInAnyOrder(seed.pad(), seed.disc(), seed.oilFilter(), seed.airFilter(),
                seed.plug());
        assertThat(page.getString("items.find { it.id == '" + seed.disc() + "' }.image")).isNull();
    }

    @Test
    void adminsCanListDraftsAndArchivedProducts() {
        JsonPath drafts = asAdmin().queryParam("q", seed.token()).queryParam("status", "draft")
                .when().get("/api/v1/products").then().statusCode(200).extract().jsonPath();
        assertThat(ids(drafts)).containsExactly(seed.draft());
        JsonPath all = asAdmin().queryParam("q", seed.token()).queryParam("status", "all")
                .when().get("/api/v1/products").then().statusCode(200).extract().jsonPath();
        assertThat(all.getLong("total")).isEqualTo(7);

        given().auth().oauth2(TestTokens.customer("c-1")).queryParam("status", "draft")
                .when().get("/api/v1/products").then().statusCode(403);
        given().queryParam("status", "all").when().get("/api/v1/products").then().statusCode(401);
    }

    @Test
    void categoryIncludesSubCategoriesByIdOrSlug() {
        assertThat(ids(search().queryParam("category", seed.root()).get("/api/v1/products").then().statusCode(200)
                .extract().jsonPath()))
                .containsExactlyInAnyOrder(seed.pad(), seed.disc(), seed.oilFilter(), seed.plug());
        assertThat(ids(search().queryParam("category", seed.rootSlug()).get("/api/v1/products").then().extract()
                .jsonPath())).hasSize(4);
        assertThat(ids(search().queryParam("category", seed.c1()).get("/api/v1/products").then().extract()
                .jsonPath())).containsExactlyInAnyOrder(seed.pad(), seed.disc());
        assertThat(search().queryParam("category", "no-such-category").get("/api/v1/products").then()
                .statusCode(200).extract().jsonPath().getLong("total")).isZero();
    }

    @Test
    void brandMatchesTheListedBrandAndTheFitmentAndModelNarrowsToAVehicle() {
        assertThat(ids(search().queryParam("brand", seed.brandA()).get("/api/v1/products").then().statusCode(200)
                .extract().jsonPath())).containsExactlyInAnyOrder(seed.pad(), seed.disc(), seed.plug());
        assertThat(ids(search().queryParam("brand", seed.brandB().toLowerCase()).get("/api/v1/products").then()
                .extract().jsonPath()))
                .containsExactlyInAnyOrder(seed.oilFilter(), seed.airFilter(), seed.plug());
        assertThat(ids(search().queryParam("brand", seed.brandB()).queryParam("model", "M3").get("/api/v1/products")
                .then().statusCode(200).extract().jsonPath()))
                .containsExactlyInAnyOrder(seed.oilFilter(), seed.plug());
        assertThat(ids(search().queryParam("brand", seed.brandA()).queryParam("model", "M1").get("/api/v1/products")
                .then().extract().jsonPath())).containsExactly(seed.pad());
    }

    @Test
    void priceFiltersApplyToTheEffectivePrice() {
        // The disc lists at 1,200.00 but sells at 600.00 while its offer runs.
        assertThat(ids(search().queryParam("minPrice", 50_000).queryParam("maxPrice", 130_000)
                .get("/api/v1/products").then().statusCode(200).extract().jsonPath()))
                .containsExactly(seed.disc());
        assertThat(ids(search().queryParam("minPrice", 100_000).get("/api/v1/products").then().extract()
                .jsonPath())).containsExactly(seed.airFilter());
        assertThat(ids(search().queryParam("maxPrice", 30_000).get("/api/v1/products").then().extract()
                .jsonPath())).containsExactlyInAnyOrder(seed.oilFilter(), seed.plug());
    }

    @Test
    void stockAndSaleFilters() {
        assertThat(ids(search().queryParam("inStock", "false").get("/api/v1/products").then().statusCode(200)
                .extract().jsonPath())).containsExactly(seed.disc());
        assertThat(ids(search().queryParam("inStock", "true").get("/api/v1/products").then().extract().jsonPath()))
                .containsExactlyInAnyOrder(seed.pad(), seed.oilFilter(), seed.airFilter(), seed.plug());
        assertThat(ids(search().queryParam("onSale", "true").get("/api/v1/products").then().extract().jsonPath()))
                .containsExactly(seed.disc());
        assertThat(ids(search().queryParam("onSale", "false").get("/api/v1/products").then().extract().jsonPath()))
                .hasSize(4).doesNotContain(seed.disc());
    }

    @Test
    void sortOrders() {
        assertThat(ids(search().queryParam("sort", "price").get("/api/v1/products").then().statusCode(200)
                .extract().jsonPath()))
                .containsExactly(seed.plug(), seed.oilFilter(), seed.pad(), seed.disc(), seed.airFilter());
        assertThat(ids(search().queryParam("sort", "-price").get("/api/v1/products").then().extract().jsonPath()))
                .containsExactly(seed.airFilter(), seed.disc(), seed.pad(), seed.oilFilter(), seed.plug());
        assertThat(ids(search().queryParam("sort", "newest").get("/api/v1/products").then().extract().jsonPath()))
                .containsExactly(seed.plug(), seed.airFilter(), seed.oilFilter(), seed.disc(), seed.pad());
        assertThat(ids(search().queryParam("sort", "popular").get("/api/v1/products").then().extract().jsonPath()))
                .containsExactly(seed.airFilter(), seed.disc(), seed.plug(), seed.oilFilter(), seed.pad());
        List<String> byRating = ids(search().queryParam("sort", "rating").get("/api/v1/products").then().extract()
                .jsonPath());
        assertThat(byRating.subList(0, 2)).containsExactly(seed.oilFilter(), seed.pad());
        JsonPath rated = search().queryParam("sort", "rating").get("/api/v1/products").then().extract().jsonPath();
        assertThat(rated.getDouble("items[0].ratingAverage")).isEqualTo(5.0);
        assertThat(rated.getInt("items[0].ratingCount")).isEqualTo(2);
    }

    @Test
    void relevanceRanksNameMatchesAboveDescriptionMatches() {
        JsonPath page = given().queryParam("q", seed.token() + " FILTER").when().get("/api/v1/products")
                .then().statusCode(200).extract().jsonPath();

        // The oil filter names filters in its name and description, the air filter in its name only (it sells more,
        // but relevance comes first); the spark plug mentions filters in its description only and ranks last although
        // it outsells the oil filter.
        assertThat(ids(page)).containsExactly(seed.oilFilter(), seed.airFilter(), seed.plug());
        String sku = given().when().get("/api/v1/products/" + seed.pad()).then().extract().path("sku");
        assertThat(ids(given().queryParam("q", sku.toLowerCase()).when().get("/api/v1/products").then()
                .extract().jsonPath())).containsExactly(seed.pad());
    }

    @Test
    void pagesCoverTheResultExactlyOnce() {
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonPath p = given().queryParam("q", seed.token()).queryParam("sort", "price")
                    .queryParam("size", 2).queryParam("page", page)
                    .when().get("/api/v1/products").then().statusCode(200).extract().jsonPath();
            assertThat(p.getLong("total")).isEqualTo(5);
            assertThat(p.getInt("page")).isEqualTo(page);
            assertThat(p.getInt("size")).isEqualTo(2);
            seen.addAll(ids(p));
        }
        assertThat(seen).containsExactly(seed.plug(), seed.oilFilter(), seed.pad(), seed.disc(), seed.airFilter());
        given().queryParam("q", seed.token()).queryParam("size", 2).queryParam("page", 3)
                .when().get("/api/v1/products").then().statusCode(200)
                .body("items.size()", equalTo(0)).body("total", equalTo(5));
    }

    @Test
    void facetsCountCategoriesBrandsAndPriceBands() {
        JsonPath page = search().when().get("/api/v1/products").then().statusCode(200).extract().jsonPath();

        assertThat(page.getInt("facets.categories.find { it.id == '" + seed.root() + "' }.count")).isEqualTo(4);
        assertThat(page.getInt("facets.categories.find { it.id == '" + seed.c1() + "' }.count")).isEqualTo(2);
        assertThat(page.getInt("facets.categories.find { it.id == '" + seed.c2() + "' }.count")).isEqualTo(2);
        assertThat(page.getInt("facets.categories.find { it.id == '" + seed.other() + "' }.count")).isEqualTo(1);
        assertThat(page.getString("facets.categories.find { it.id == '" + seed.c1() + "' }.parentId"))
                .isEqualTo(seed.root());
        assertThat(page.getInt("facets.brands.find { it.code == '" + seed.brandA() + "' }.count")).isEqualTo(3);
        assertThat(page.getInt("facets.brands.find { it.code == '" + seed.brandB() + "' }.count")).isEqualTo(3);
        assertThat(page.getList("facets.priceBands.count", Integer.class)).containsExactly(3, 1, 0, 0, 1, 0);
        assertThat(page.getInt("facets.priceBands[1].min.amount")).isEqualTo(50_000);
        assertThat(page.getInt("facets.priceBands[1].max.amount")).isEqualTo(100_000);
        assertThat(page.getString("facets.priceBands[5].max")).isNull();
    }

    @Test
    void facetsIgnoreTheirOwnFilterButApplyTheOthers() {
        JsonPath page = search().queryParam("brand", seed.brandA()).queryParam("category", seed.c2())
                .when().get("/api/v1/products").then().statusCode(200).extract().jsonPath();

        assertThat(ids(page)).containsExactly(seed.plug());
        // Brand counts within category c2 (oil filter: B; spark plug: A and B through its fitment).
        assertThat(page.getInt("facets.brands.find { it.code == '" + seed.brandA() + "' }.count")).isEqualTo(1);
        assertThat(page.getInt("facets.brands.find { it.code == '" + seed.brandB() + "' }.count")).isEqualTo(2);
        // Category counts within brand A: pad and disc in c1, plug in c2.
        assertThat(page.getInt("facets.categories.find { it.id == '" + seed.c1() + "' }.count")).isEqualTo(2);
        assertThat(page.getInt("facets.categories.find { it.id == '" + seed.c2() + "' }.count")).isEqualTo(1);
        assertThat(page.getInt("facets.categories.find { it.id == '" + seed.root() + "' }.count")).isEqualTo(3);
        assertThat(page.getList("facets.priceBands.count", Integer.class)).containsExactly(1, 0, 0, 0, 0, 0);
    }

    @Test
    void regexAndOperatorsInQAreSearchedAsPlainText() {
        for (String literal : List.of(".*", "[v2]", "$ne", "{\"$gt\": 0}", "^a|b", "(OEM)")) {
            assertThat(ids(given().queryParam("q", seed.token() + " " + literal).queryParam("size", 100)
                    .when().get("/api/v1/products").then().statusCode(200).extract().jsonPath()))
                    .as("q=%s", literal)
                    .containsExactly(seed.oilFilter());
        }
        // Patterns that would match everything as a regex match nothing as text.
        for (String pattern : List.of(".+", "a|e", "[a-z]", "\\w")) {
            assertThat(given().queryParam("q", seed.token() + " " + pattern).when().get("/api/v1/products")
                    .then().statusCode(200).extract().jsonPath().getLong("total")).as("q=%s", pattern).isZero();
        }
        given().queryParam("q[$ne]", "x").queryParam("q", seed.token())
                .when().get("/api/v1/products").then().statusCode(200).body("total", equalTo(5));
    }

    @Test
    void invalidParametersAre400NamingTheParameter() {
        Map<String, String> bad = Map.ofEntries(
                Map.entry("sort", "cheapest"),
                Map.entry("minPrice", "-1"),
                Map.entry("maxPrice", "ten"),
                Map.entry("inStock", "yes"),
                Map.entry("onSale", "1"),
                Map.entry("brand", "not a brand"),
                Map.entry("size", "101"),
                Map.entry("page", "-1"),
                Map.entry("status", "deleted"),
                Map.entry("q", "x".repeat(101)));
        bad.forEach((name, value) -> given().queryParam(name, value)
                .when().get("/api/v1/products")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(name)));

        given().queryParam("model", "M1").when().get("/api/v1/products")
                .then().statusCode(400).body("violations[0].field", equalTo("model"));
        given().queryParam("minPrice", 500).queryParam("maxPrice", 100).when().get("/api/v1/products")
                .then().statusCode(400).body("violations[0].field", equalTo("maxPrice"));
        given().queryParam("sort", "nope").queryParam("inStock", "maybe").when().get("/api/v1/products")
                .then().statusCode(400).body("violations.field", org.hamcrest.Matchers.hasItems("sort", "inStock"));
    }

    @Test
    void searchAnswersAreCacheable() {
        String etag = search().when().get("/api/v1/products").then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=30")).extract().header("ETag");
        search().header("If-None-Match", etag).when().get("/api/v1/products").then().statusCode(304);
    }
}
