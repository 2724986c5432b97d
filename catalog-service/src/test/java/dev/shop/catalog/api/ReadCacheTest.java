package dev.shop.catalog.api;

import static dev.shop.catalog.CatalogFixtures.asAdmin;
import static dev.shop.catalog.CatalogFixtures.createBrand;
import static dev.shop.catalog.CatalogFixtures.createCategory;
import static dev.shop.catalog.CatalogFixtures.createProduct;
import static dev.shop.catalog.CatalogFixtures.offer;
import static dev.shop.catalog.CatalogFixtures.product;
import static dev.shop.catalog.CatalogFixtures.sku;
import static dev.shop.catalog.OrderEvents.line;
import static dev.shop.catalog.OrderEvents.newOrderId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.catalog.CatalogFixtures;
import dev.shop.catalog.OrderEvents;
import dev.shop.catalog.api.ProductDtos.Facets;
import dev.shop.catalog.api.ProductDtos.ProductPage;
import dev.shop.catalog.api.ProductDtos.ProductResponse;
import dev.shop.catalog.api.ProductDtos.ProductSummary;
import dev.shop.catalog.application.ProductService;
import dev.shop.catalog.application.ProductView;
import dev.shop.catalog.application.TaxonomyCache;
import dev.shop.catalog.application.TaxonomySnapshot;
import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.ProductSearch;
import dev.shop.catalog.domain.ProductStatus;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.catalog.persistence.ProductWrites;
import dev.shop.kit.page.PageRequest;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Product pages and list pages are answered from cached bytes. Whatever changes what they show must change the answer
 * (and its ETag) at once, or, for changes this instance learns about by polling (other instances, the stock saga),
 * within the view's refresh; a stale cached page would be far worse than a slow one. Each test uses products named
 * with a token of its own.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class ReadCacheTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ProductRepository repository;
    @Inject
    ProductService products;
    @Inject
    TaxonomyCache taxonomy;
    @Inject
    ProductRepresentations representations;
    @Inject
    ObjectMapper mapper;
    @Inject
    CatalogConfig config;

    private static String token() {
        return "rc" + CatalogFixtures.unique(8).toLowerCase(Locale.ROOT);
    }

    private static Response list(String token) {
        return given().queryParam("q", token).when().get("/api/v1/products");
    }

    @Test
    void anEditChangesTheCachedListPageTheProductPageAndTheirETagsAtOnce() {
        String token = token();
        String brand = createBrand();
        String category = createCategory("Brakes", null);
        String id = createProduct(product(sku(), token + " brake pad", brand, category, 40_000));
        Response before = list(token);
        String listTag = before.then().statusCode(200).extract().header("ETag");
        assertThat(before.jsonPath().getLong("items[0].price.amount")).isEqualTo(40_000);
        String pageTag = given().when().get("/api/v1/products/" + id).then().statusCode(200).extract().header("ETag");
        // Asked again: the same bytes, so the same tag and a 304 for a client that holds them.
        given().header("If-None-Match", listTag).queryParam("q", token).when().get("/api/v1/products")
                .then().statusCode(304);

        long version = given().when().get("/api/v1/products/" + id).then().extract().jsonPath().getLong("version");
        asAdmin().contentType(ProductResource.MERGE_PATCH)
                .body(Map.of("version", version, "price", Map.of("amount", 45_000, "currency", "INR")))
                .when().patch("/api/v1/products/" + id).then().statusCode(200);

        Response after = given().header("If-None-Match", listTag).queryParam("q", token).when()
                .get("/api/v1/products");
        after.then().statusCode(200);
        assertThat(after.jsonPath().getLong("items[0].price.amount")).isEqualTo(45_000);
        assertThat(after.header("ETag")).isNotEqualTo(listTag);
        Response page = given().header("If-None-Match", pageTag).when().get("/api/v1/products/" + id);
        page.then().statusCode(200);
        assertThat(page.jsonPath().getLong("price.amount")).isEqualTo(45_000);
        assertThat(page.header("ETag")).isNotEqualTo(pageTag);
    }

    @Test
    void aDeletedProductLeavesTheCachedListAtOnce() {
        String token = token();
        String brand = createBrand();
        String category = createCategory("Filters", null);
        String kept = createProduct(product(sku(), token + " oil filter", brand, category, 30_000));
        String deleted = createProduct(product(sku(), token + " air filter", brand, category, 20_000));
        assertThat(list(token).jsonPath().getList("items.id")).containsExactlyInAnyOrder(kept, deleted);

        asAdmin().when().delete("/api/v1/products/" + deleted).then().statusCode(204);

        Response after = list(token);
        assertThat(after.jsonPath().getList("items.id")).containsExactly(kept);
        assertThat(after.jsonPath().getLong("total")).isEqualTo(1);
        given().when().get("/api/v1/products/" + deleted).then().statusCode(404);
    }

    @Test
    void aReservationByTheStockSagaShowsInTheListAndOnTheProductPage() {
        String token = token();
        String brand = createBrand();
        String category = createCategory("Plugs", null);
        Map<String, Object> body = product(sku(), token + " spark plug", brand, category, 9_900);
        body.put("stock", 10);
        String id = createProduct(body);
        assertThat(list(token).jsonPath().getInt("items[0].stock")).isEqualTo(10);
        assertThat(given().queryParam("q", token).queryParam("inStock", "true").get("/api/v1/products").jsonPath()
                .getLong("total")).isEqualTo(1);

        try (OrderEvents orders = new OrderEvents()) {
            String orderId = newOrderId();
            orders.send(orderId, OrderEvents.placed(orderId, "u-cache", List.of(line(id, 10))));
        }

        // The saga's conditional updates reach the view through its refresh, never through a write of the API.
        awaitBody(() -> list(token), r -> r.jsonPath().getInt("items[0].stock") == 0);
        awaitBody(() -> given().when().get("/api/v1/products/" + id),
                r -> r.jsonPath().getInt("stock") == 0 && "OUT_OF_STOCK".equals(r.jsonPath().getString("stockStatus")));
        assertThat(given().queryParam("q", token).queryParam("inStock", "true").get("/api/v1/products").jsonPath()
                .getLong("total")).isZero();
    }

    @Test
    void aChangeWrittenByAnotherInstanceShowsWithinTheRefresh() {
        String token = token();
        String brand = createBrand();
        String category = createCategory("Lamps", null);
        String id = createProduct(product(sku(), token + " head lamp", brand, category, 70_000));
        String tag = list(token).then().statusCode(200).extract().header("ETag");

        // As another instance would: a write to the document only (revision and touchedAt move, this view is not told).
        repository.mongoCollection().updateOne(Filters.eq("_id", new ObjectId(id)),
                Updates.combine(Updates.set("price", 65_000L), ProductWrites.touch())).await().indefinitely();

        Response changed = awaitBody(() -> given().header("If-None-Match", tag).queryParam("q", token)
                .when().get("/api/v1/products"),
                r -> r.statusCode() == 200
                        && r.jsonPath().getLong("items[0].price.amount") == 65_000);
        assertThat(changed.header("ETag")).isNotEqualTo(tag);
    }

    @Test
    void anOfferThatStartsLaterChangesCachedAnswersWhenItStartsWithoutAnyWrite() {
        String token = token();
        String brand = createBrand();
        String category = createCategory("Wipers", null);
        Map<String, Object> body = product(sku(), token + " wiper blade", brand, category, 10_000);
        Instant start = Instant.now().plusSeconds(3);
        body.put("offer", offer(10, start, start.plus(1, ChronoUnit.DAYS)));
        String id = createProduct(body);

        Response before = given().when().get("/api/v1/products/" + id);
        assertThat(before.jsonPath().getBoolean("onSale")).isFalse();
        assertThat(before.jsonPath().getLong("effectivePrice.amount")).isEqualTo(10_000);
        String listTag = list(token).then().extract().header("ETag");
        assertThat(list(token).jsonPath().getBoolean("items[0].onSale")).isFalse();
        assertThat(given().queryParam("q", token).queryParam("onSale", "true").get("/api/v1/products").jsonPath()
                .getLong("total")).isZero();

        Response page = awaitBody(() -> given().when().get("/api/v1/products/" + id),
                r -> r.jsonPath().getBoolean("onSale"));
        assertThat(page.jsonPath().getLong("effectivePrice.amount")).isEqualTo(9_000);
        assertThat(page.jsonPath().getBoolean("offer.active")).isTrue();
        assertThat(page.header("ETag")).isNotEqualTo(before.header("ETag"));
        Response listed = list(token);
        assertThat(listed.jsonPath().getBoolean("items[0].onSale")).isTrue();
        assertThat(listed.jsonPath().getLong("items[0].effectivePrice.amount")).isEqualTo(9_000);
        assertThat(listed.header("ETag")).isNotEqualTo(listTag);
        assertThat(given().queryParam("q", token).queryParam("onSale", "true").get("/api/v1/products").jsonPath()
                .getLong("total")).isEqualTo(1);
    }

    @Test
    void aStockAdjustmentAndAnOfferChangeCachedSearchesFacetsAndTheirETagsAtOnce() {
        String token = token();
        String brand = createBrand();
        String category = createCategory("Horns", null);
        Map<String, Object> body = product(sku(), token + " horn", brand, category, 12_000);
        body.put("stock", 0);
        String id = createProduct(body);
        Response inStock = given().queryParam("q", token).queryParam("inStock", "true").get("/api/v1/products");
        assertThat(inStock.jsonPath().getLong("total")).isZero();
        String inStockTag = inStock.header("ETag");
        Response all = list(token);
        assertThat(all.jsonPath().getLong("facets.brands[0].count")).isEqualTo(1);
        String pageTag = given().get("/api/v1/products/" + id).then().statusCode(200).extract().header("ETag");
        // The cached answers are served again unchanged.
        given().header("If-None-Match", inStockTag).queryParam("q", token).queryParam("inStock", "true")
                .get("/api/v1/products").then().statusCode(304);

        asAdmin().body(Map.of("delta", 5, "reason", "delivery arrived")).when()
                .post("/api/v1/products/" + id + "/stock").then().statusCode(200);

        Response restocked = given().header("If-None-Match", inStockTag).queryParam("q", token)
                .queryParam("inStock", "true").get("/api/v1/products");
        restocked.then().statusCode(200);
        assertThat(restocked.jsonPath().getList("items.id")).containsExactly(id);
        assertThat(restocked.jsonPath().getInt("items[0].stock")).isEqualTo(5);
        assertThat(restocked.jsonPath().getLong("facets.brands[0].count")).isEqualTo(1);
        assertThat(restocked.header("ETag")).isNotEqualTo(inStockTag);
        Response page = given().header("If-None-Match", pageTag).get("/api/v1/products/" + id);
        page.then().statusCode(200);
        assertThat(page.jsonPath().getInt("stock")).isEqualTo(5);
        assertThat(page.header("ETag")).isNotEqualTo(pageTag);

        String saleTag = given().queryParam("q", token).queryParam("onSale", "true").get("/api/v1/products")
                .then().statusCode(200).extract().header("ETag");
        long version = page.jsonPath().getLong("version");
        Instant now = Instant.now();
        asAdmin().contentType(ProductResource.MERGE_PATCH)
                .body(Map.of("version", version, "offer", offer(25, now.minusSeconds(60), now.plus(1, ChronoUnit.DAYS))))
                .when().patch("/api/v1/products/" + id).then().statusCode(200);

        Response onSale = given().header("If-None-Match", saleTag).queryParam("q", token).queryParam("onSale", "true")
                .get("/api/v1/products");
        onSale.then().statusCode(200);
        assertThat(onSale.jsonPath().getList("items.id")).containsExactly(id);
        assertThat(onSale.jsonPath().getLong("items[0].effectivePrice.amount")).isEqualTo(9_000);
        assertThat(onSale.jsonPath().getList("facets.priceBands.count", Integer.class).stream().mapToInt(Integer::intValue)
                .sum()).isEqualTo(1);
        assertThat(onSale.header("ETag")).isNotEqualTo(saleTag);
        assertThat(given().get("/api/v1/products/" + id).jsonPath().getLong("effectivePrice.amount"))
                .isEqualTo(9_000);
    }

    @Test
    void aRenamedBrandShowsOnCachedPagesAtOnce() {
        String token = token();
        String brand = createBrand();
        String category = createCategory("Mirrors", null);
        String id = createProduct(product(sku(), token + " door mirror", brand, category, 25_000));
        assertThat(list(token).jsonPath().getString("items[0].brandName")).isEqualTo("Brand " + brand);
        assertThat(given().get("/api/v1/products/" + id).jsonPath().getString("brandName"))
                .isEqualTo("Brand " + brand);

        asAdmin().body(Map.of("name", "Renamed " + brand, "version", 1)).when().put("/api/v1/brands/" + brand)
                .then().statusCode(200);

        assertThat(list(token).jsonPath().getString("items[0].brandName")).isEqualTo("Renamed " + brand);
        assertThat(list(token).jsonPath().getString("facets.brands[0].name")).isEqualTo("Renamed " + brand);
        assertThat(given().get("/api/v1/products/" + id).jsonPath().getString("brandName"))
                .isEqualTo("Renamed " + brand);
        // The new name is searchable text as well.
        assertThat(given().queryParam("q", token + " renamed").get("/api/v1/products").jsonPath().getLong("total"))
                .isEqualTo(1);
    }

    @Test
    void cachedBytesAreExactlyWhatSerialisingTheResponseRecordsGives() throws Exception {
        String token = token();
        String brand = createBrand();
        String category = createCategory("Belts", null);
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = product(sku(), token + " belt " + i, brand, category, 10_000 + i);
            if (i == 1) {
                body.put("offer", offer(15, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS)));
            }
            body.put("description", "Fits \"all\" engines — ünïcode ✓");
            createProduct(body);
        }
        TaxonomySnapshot snapshot = taxonomy.get().await().indefinitely();
        ProductSearch.Query query = new ProductSearch.Query(token, null, null, null, null, null, null, null,
                java.util.EnumSet.of(ProductStatus.ACTIVE), ProductSearch.Sort.PRICE, 0, 2);
        ProductView.Found found = products.search(query, snapshot).await().indefinitely();
        PageRequest request = new PageRequest(0, 2);
        int low = config.lowStockThreshold();

        byte[] cached = representations.page(found, request, snapshot).body();
        ProductPage page = new ProductPage(
                found.result().items().stream().map(p -> ProductSummary.of(p, snapshot, low, Instant.now())).toList(),
                0, 2, found.result().total(), Facets.of(found.result().facets(), snapshot, config.currency()));
        assertThat(new String(cached, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(mapper.writeValueAsString(page));
        assertThat(found.result().total()).isEqualTo(3);

        var product = found.result().items().get(1);
        byte[] detail = representations.product(product, snapshot, Instant.now()).body();
        assertThat(new String(detail, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                mapper.writeValueAsString(ProductResponse.of(product, snapshot, low, Instant.now())));

        // And over HTTP, with the content type the JSON provider used to give.
        given().queryParam("q", token).queryParam("sort", "price").queryParam("size", 2).when()
                .get("/api/v1/products").then().statusCode(200)
                .contentType("application/json;charset=UTF-8")
                .header("ETag", "\"" + HttpCaching.tagOf(cached) + "\"");
    }

    @Test
    void attributesAreWrittenInKeyOrderSoTheETagIsTheSameOnEveryInstance() {
        String brand = createBrand();
        String category = createCategory("Batteries", null);
        Map<String, Object> body = product(sku(), token() + " battery", brand, category, 50_000);
        body.put("attributes", Map.of("voltage", "12V", "capacity", "45Ah", "warranty", "3 years", "terminal",
                "T1", "brandline", "Gold", "acid", "lead"));
        String id = createProduct(body);

        String json = given().when().get("/api/v1/products/" + id).then().statusCode(200).extract().asString();
        List<String> keys = List.of("acid", "brandline", "capacity", "terminal", "voltage", "warranty");
        for (int i = 1; i < keys.size(); i++) {
            assertThat(json.indexOf("\"" + keys.get(i - 1) + "\":")).as("%s before %s", keys.get(i - 1), keys.get(i))
                    .isLessThan(json.indexOf("\"" + keys.get(i) + "\":"));
        }
    }

    private static Response awaitBody(java.util.function.Supplier<Response> call, Predicate<Response> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Response response = call.get();
            if (done.test(response)) {
                return response;
            }
            assertThat(System.nanoTime()).as("answer changed in time; last: %s", response.asString())
                    .isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
