package dev.shop.catalog.application;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.shop.catalog.domain.ImageFormat;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The local stack's demo catalogue, loaded by the running service into a database of its own (so the other tests'
 * data and this one's never mix).
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
@TestProfile(DemoDataLoaderTest.WithDemoData.class)
class DemoDataLoaderTest {

    public static class WithDemoData implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shop.catalog.demo-data.enabled", "true", "quarkus.mongodb.database", "shop_catalog_demo");
        }
    }

    @Inject
    DemoDataLoader loader;
    @Inject
    ReactiveMongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void theDemoCatalogueIsLoadedOnceInTheBackground() throws InterruptedException {
        assertThat(database).isEqualTo("shop_catalog_demo");
        awaitMarker();

        JsonPath page = given().queryParam("size", 100).when().get("/api/v1/products")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getLong("total")).isGreaterThanOrEqualTo(300);
        assertThat(page.getList("facets.brands")).hasSizeGreaterThanOrEqualTo(5);
        given().queryParam("size", 100).when().get("/api/v1/brands").then().statusCode(200)
                .body("total", greaterThanOrEqualTo(5));
        given().when().get("/api/v1/brands/HONDA/models").then().statusCode(200).body("total", greaterThan(2));
        int roots = given().when().get("/api/v1/categories").then().statusCode(200).extract().path("size()");
        assertThat(roots).isGreaterThanOrEqualTo(5);
        given().queryParam("onSale", "true").when().get("/api/v1/products").then().body("total", greaterThan(20));
        given().queryParam("inStock", "false").when().get("/api/v1/products").then().body("total", greaterThan(10));
        given().queryParam("brand", "HONDA").queryParam("model", "CITY").queryParam("q", "brake")
                .when().get("/api/v1/products").then().body("total", greaterThan(0));

        String image = page.getString("items[0].image");
        byte[] bytes = given().when().get(image).then().statusCode(200).contentType("image/png").extract()
                .asByteArray();
        assertThat(ImageFormat.sniff(bytes, bytes.length)).contains(ImageFormat.PNG);

        long products = count("products");
        long files = count("media.files");
        assertThat(loader.loadOnce().await().atMost(Duration.ofSeconds(30))).isFalse();
        assertThat(count("products")).isEqualTo(products);
        assertThat(count("media.files")).isEqualTo(files);
    }

    private void awaitMarker() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Document marker = mongo.getDatabase(database).getCollection("catalog_meta")
                    .find(new Document("_id", DemoDataLoader.MARKER)).collect().first().await().indefinitely();
            if (marker != null && "done".equals(marker.getString("state"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the demo catalogue was not loaded within 3 minutes");
    }

    private long count(String collection) {
        return mongo.getDatabase(database).getCollection(collection).countDocuments().await().indefinitely();
    }
}
