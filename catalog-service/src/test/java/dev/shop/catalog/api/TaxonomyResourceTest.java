package dev.shop.catalog.api;

import static dev.shop.catalog.CatalogFixtures.asAdmin;
import static dev.shop.catalog.CatalogFixtures.brandCode;
import static dev.shop.catalog.CatalogFixtures.createBrand;
import static dev.shop.catalog.CatalogFixtures.createCategory;
import static dev.shop.catalog.CatalogFixtures.createModel;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.shop.catalog.CatalogFixtures;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class TaxonomyResourceTest {

    private static final String PROBLEM = "application/problem+json";

    // ---- brands

    @Test
    void adminCreatesABrandThatEveryoneCanRead() {
        String code = brandCode();

        asAdmin().body(Map.of("code", code, "name", "Maruti Suzuki", "description", "Cars"))
                .when().post("/api/v1/brands")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/brands/" + code))
                .body("code", equalTo(code)).body("name", equalTo("Maruti Suzuki")).body("version", equalTo(1));

        given().when().get("/api/v1/brands/" + code.toLowerCase())
                .then().statusCode(200)
                .body("code", equalTo(code))
                .header("ETag", notNullValue())
                .header("Cache-Control", startsWith("public, max-age="));
        given().queryParam("size", 100).when().get("/api/v1/brands")
                .then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(100))
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void brandListPagesThroughEveryBrand() {
        createBrand();
        createBrand();
        JsonPath first = given().queryParam("size", 1).when().get("/api/v1/brands").then().statusCode(200)
                .extract().jsonPath();
        JsonPath second = given().queryParam("size", 1).queryParam("page", 1).when().get("/api/v1/brands").then()
                .statusCode(200).extract().jsonPath();

        assertThat(first.getList("items")).hasSize(1);
        assertThat(second.getList("items")).hasSize(1);
        assertThat(first.getString("items[0].code")).isNotEqualTo(second.getString("items[0].code"));
        assertThat(first.getLong("total")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aConditionalGetIsAnswered304UntilTheBrandChanges() {
        String code = createBrand();
        String etag = given().when().get("/api/v1/brands/" + code).then().statusCode(200).extract().header("ETag");

        given().header("If-None-Match", etag).when().get("/api/v1/brands/" + code)
                .then().statusCode(304).header("ETag", equalTo(etag));

        asAdmin().body(Map.of("name", "Renamed", "version", 1)).when().put("/api/v1/brands/" + code)
                .then().statusCode(200).body("version", equalTo(2)).body("name", equalTo("Renamed"));

        given().header("If-None-Match", etag).when().get("/api/v1/brands/" + code)
                .then().statusCode(200).body("name", equalTo("Renamed"));
    }

    @Test
    void brandInputIsValidatedNamingTheField() {
        asAdmin().body(Map.of("code", "x", "name", "Lower"))
                .when().post("/api/v1/brands")
                .then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", hasItem("code"));
        asAdmin().body(Map.of("code", "TOOLONGCODE1", "name", ""))
                .when().post("/api/v1/brands")
                .then().statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItems("code", "name"));
        asAdmin().body("{\"code\": {\"$ne\": null}, \"name\": \"x\"}")
                .when().post("/api/v1/brands")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("code"));
        asAdmin().body(Map.of("name", "No version"))
                .when().put("/api/v1/brands/" + createBrand())
                .then().statusCode(400).body("violations.field", hasItem("version"));
    }

    @Test
    void duplicateBrandIs409() {
        String code = createBrand();
        asAdmin().body(Map.of("code", code, "name", "Again"))
                .when().post("/api/v1/brands")
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString(code));
    }

    @Test
    void staleBrandUpdateIs409AndUnknownIs404() {
        String code = createBrand();
        asAdmin().body(Map.of("name", "First", "version", 1)).when().put("/api/v1/brands/" + code)
                .then().statusCode(200);
        asAdmin().body(Map.of("name", "Second", "version", 1)).when().put("/api/v1/brands/" + code)
                .then().statusCode(409).contentType(PROBLEM);
        given().when().get("/api/v1/brands/" + code).then().body("name", equalTo("First"));

        asAdmin().body(Map.of("name", "Ghost", "version", 1)).when().put("/api/v1/brands/" + brandCode())
                .then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/brands/" + brandCode()).then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/brands/not a code!").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void brandWritesNeedTheAdminRole() {
        String code = createBrand();
        Map<String, Object> body = Map.of("code", brandCode(), "name", "Nope");

        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/brands")
                .then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.customer("c-1")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/brands")
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.customer("c-1")).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "version", 1)).when().put("/api/v1/brands/" + code)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.customer("c-1")).when().delete("/api/v1/brands/" + code)
                .then().statusCode(403);
        given().when().delete("/api/v1/brands/" + code).then().statusCode(401);
        given().auth().oauth2(TestTokens.forUser("a").roles("admin").expired().sign())
                .when().delete("/api/v1/brands/" + code).then().statusCode(401);
        given().when().get("/api/v1/brands/" + code).then().statusCode(200);
    }

    @Test
    void deletingABrandRemovesItAndItsModels() {
        String code = createBrand();
        createModel(code, "SWIFT", "Swift");

        asAdmin().when().delete("/api/v1/brands/" + code).then().statusCode(204);

        given().when().get("/api/v1/brands/" + code).then().statusCode(404);
        given().when().get("/api/v1/brands/" + code + "/models/SWIFT").then().statusCode(404);
        asAdmin().when().delete("/api/v1/brands/" + code).then().statusCode(404);
    }

    // ---- vehicle models

    @Test
    void modelCodesAreUniquePerBrand() {
        String maruti = createBrand();
        String honda = createBrand();

        asAdmin().body(Map.of("code", "CITY-2020", "name", "City", "yearFrom", 2020, "yearTo", 2024))
                .when().post("/api/v1/brands/" + honda + "/models")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/brands/" + honda + "/models/CITY-2020"))
                .body("brand", equalTo(honda)).body("yearFrom", equalTo(2020));
        asAdmin().body(Map.of("code", "CITY-2020", "name", "City again"))
                .when().post("/api/v1/brands/" + honda + "/models")
                .then().statusCode(409).contentType(PROBLEM);
        asAdmin().body(Map.of("code", "CITY-2020", "name", "A different City"))
                .when().post("/api/v1/brands/" + maruti + "/models")
                .then().statusCode(201);

        given().when().get("/api/v1/brands/" + honda + "/models")
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .body("total", equalTo(1)).body("items[0].code", equalTo("CITY-2020"))
                .body("items[0].name", equalTo("City"));
    }

    @Test
    void modelInputAndPathsAreChecked() {
        String brand = createBrand();
        asAdmin().body(Map.of("code", "A", "name", "Alto", "yearFrom", 2015, "yearTo", 2010))
                .when().post("/api/v1/brands/" + brand + "/models")
                .then().statusCode(400).body("violations.field", hasItem("yearTo"));
        asAdmin().body(Map.of("code", "bad code", "name", "x"))
                .when().post("/api/v1/brands/" + brand + "/models")
                .then().statusCode(400).body("violations.field", hasItem("code"));
        asAdmin().body(Map.of("code", "ALTO", "name", "Alto"))
                .when().post("/api/v1/brands/" + brandCode() + "/models")
                .then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/brands/" + brandCode() + "/models").then().statusCode(404);
        given().queryParam("size", 101).when().get("/api/v1/brands/" + brand + "/models")
                .then().statusCode(400).body("violations[0].field", equalTo("size"));
        given().auth().oauth2(TestTokens.customer("c-2")).contentType(ContentType.JSON)
                .body(Map.of("code", "ALTO", "name", "Alto"))
                .when().post("/api/v1/brands/" + brand + "/models").then().statusCode(403);
    }

    @Test
    void modelUpdateAndDelete() {
        String brand = createBrand();
        createModel(brand, "NEXON", "Nexon");

        asAdmin().body(Map.of("name", "Nexon EV", "yearFrom", 2020, "version", 1))
                .when().put("/api/v1/brands/" + brand + "/models/nexon")
                .then().statusCode(200).body("name", equalTo("Nexon EV")).body("version", equalTo(2));
        asAdmin().body(Map.of("name", "Stale", "version", 1))
                .when().put("/api/v1/brands/" + brand + "/models/NEXON")
                .then().statusCode(409);
        asAdmin().when().delete("/api/v1/brands/" + brand + "/models/NEXON").then().statusCode(204);
        asAdmin().when().delete("/api/v1/brands/" + brand + "/models/NEXON").then().statusCode(404);
    }

    // ---- categories

    @Test
    void categoriesFormATreeAtMostFourLevelsDeep() {
        String root = createCategory("Engine", null);
        String level2 = createCategory("Filters", root);
        String level3 = createCategory("Oil filters", level2);
        String level4 = createCategory("Spin-on", level3);

        asAdmin().body(Map.of("name", "Too deep", "slug", "too-deep-" + CatalogFixtures.unique(5).toLowerCase(),
                "parentId", level4))
                .when().post("/api/v1/categories")
                .then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("parentId"));

        JsonPath tree = given().when().get("/api/v1/categories").then().statusCode(200)
                .header("ETag", notNullValue()).extract().jsonPath();
        Map<String, Object> engine = tree.getMap("find { it.id == '" + root + "' }");
        assertThat(engine).containsEntry("depth", 1);
        assertThat(tree.getString("find { it.id == '" + root + "' }.children[0].children[0].children[0].id"))
                .isEqualTo(level4);
        assertThat(tree.getInt("find { it.id == '" + root + "' }.children[0].children[0].children[0].depth"))
                .isEqualTo(4);

        given().when().get("/api/v1/categories/" + level3)
                .then().statusCode(200)
                .body("path.id", equalTo(List.of(root, level2, level3)))
                .body("children.id", equalTo(List.of(level4)))
                .body("depth", equalTo(3));
    }

    @Test
    void categoryMovesCannotMakeCyclesOrDeepenTheTree() {
        String a = createCategory("Brakes", null);
        String b = createCategory("Pads", a);
        String c = createCategory("Ceramic pads", b);
        String other = createCategory("Lights", null);
        String otherChild = createCategory("Bulbs", other);
        String otherGrandChild = createCategory("LED bulbs", otherChild);
        String slugA = given().when().get("/api/v1/categories/" + a).then().extract().path("slug");

        asAdmin().body(Map.of("name", "Brakes", "slug", slugA, "parentId", c, "version", 1))
                .when().put("/api/v1/categories/" + a)
                .then().statusCode(400).body("violations[0].field", equalTo("parentId"));
        // b has two levels (b, c); under a depth-3 category it would reach five.
        String slugB = given().when().get("/api/v1/categories/" + b).then().extract().path("slug");
        asAdmin().body(Map.of("name", "Pads", "slug", slugB, "parentId", otherGrandChild, "version", 1))
                .when().put("/api/v1/categories/" + b)
                .then().statusCode(400).body("violations[0].field", equalTo("parentId"));
        asAdmin().body(Map.of("name", "Pads", "slug", slugB, "parentId", otherChild, "version", 1))
                .when().put("/api/v1/categories/" + b)
                .then().statusCode(200).body("path.id", equalTo(List.of(other, otherChild, b)))
                .body("version", equalTo(2));
        asAdmin().body(Map.of("name", "Pads", "slug", slugB, "parentId", a, "version", 1))
                .when().put("/api/v1/categories/" + b)
                .then().statusCode(409);
    }

    @Test
    void categorySlugsAreUniqueAndFormatted() {
        String id = createCategory("Wipers", null);
        String slug = given().when().get("/api/v1/categories/" + id).then().extract().path("slug");

        given().when().get("/api/v1/categories/" + slug).then().statusCode(200).body("id", equalTo(id));
        asAdmin().body(Map.of("name", "Other", "slug", slug))
                .when().post("/api/v1/categories")
                .then().statusCode(409).contentType(PROBLEM);
        asAdmin().body(Map.of("name", "Other", "slug", "Not A Slug"))
                .when().post("/api/v1/categories")
                .then().statusCode(400).body("violations.field", hasItem("slug"));
        asAdmin().body(Map.of("name", "Orphan", "slug", "orphan-" + CatalogFixtures.unique(5).toLowerCase(),
                "parentId", "not-an-id"))
                .when().post("/api/v1/categories")
                .then().statusCode(400).body("violations[0].field", equalTo("parentId"));
        given().when().get("/api/v1/categories/no-such-category-" + CatalogFixtures.unique(4).toLowerCase())
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aCategoryWithSubCategoriesCannotBeDeleted() {
        String parent = createCategory("Suspension", null);
        String child = createCategory("Shock absorbers", parent);

        asAdmin().when().delete("/api/v1/categories/" + parent)
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("1 sub-categor"));
        asAdmin().when().delete("/api/v1/categories/" + child).then().statusCode(204);
        asAdmin().when().delete("/api/v1/categories/" + parent).then().statusCode(204);
        given().when().get("/api/v1/categories/" + parent).then().statusCode(404);
        asAdmin().when().delete("/api/v1/categories/" + parent).then().statusCode(404);
        asAdmin().when().delete("/api/v1/categories/not-an-id").then().statusCode(404);
    }

    @Test
    void categoryWritesNeedTheAdminRole() {
        Map<String, Object> body = Map.of("name", "x", "slug", "x-" + CatalogFixtures.unique(5).toLowerCase());
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/categories").then().statusCode(401);
        given().auth().oauth2(TestTokens.customer("c-3")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/categories").then().statusCode(403).contentType(PROBLEM);
        String id = createCategory("Mirrors", null);
        given().auth().oauth2(TestTokens.customer("c-3")).when().delete("/api/v1/categories/" + id)
                .then().statusCode(403);
    }

    @Test
    void theTreeETagChangesWhenTheTreeChanges() {
        String etag = given().when().get("/api/v1/categories").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).when().get("/api/v1/categories").then().statusCode(304);

        createCategory("Horns", null);

        given().header("If-None-Match", etag).when().get("/api/v1/categories").then().statusCode(200);
    }
}
