package dev.shop.cart.api;

import static dev.shop.cart.support.CartApi.add;
import static dev.shop.cart.support.CartApi.as;
import static dev.shop.cart.support.CartApi.cart;
import static dev.shop.cart.support.CartApi.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.shop.cart.support.CatalogEvents;
import dev.shop.cart.support.CatalogEvents.Product;
import dev.shop.cart.support.Eventually;
import dev.shop.cart.support.FakeCatalog;
import dev.shop.cart.support.ReadModel;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * A product id the read model does not know is read once from catalog-service (served here by a test resource of
 * the application, see FakeCatalog), behind a timeout, retries and a circuit breaker.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class CatalogFallbackTest {

    @Test
    void aProductUnknownLocallyIsFetchedOnceAndThenServedFromTheReadModel() {
        Product p = Product.active(4_200, 10);
        FakeCatalog.serve(p);
        String user = newUser();

        add(as(user), p.id(), 1).then().statusCode(200)
                .body("items[0].name", equalTo(p.name()))
                .body("items[0].image", equalTo(p.imageUrl()))
                .body("items[0].unitPrice.amount", equalTo(4_200));
        add(as(user), p.id(), 1).then().statusCode(200).body("items[0].quantity", equalTo(2));
        cart(as(user)).then().statusCode(200);
        add(as(newUser()), p.id(), 1).then().statusCode(200);

        assertThat(FakeCatalog.calls(p.id())).isEqualTo(1);
        assertThat(ReadModel.product(p.id())).hasValueSatisfying(stored -> {
            assertThat(stored.version()).isEqualTo(p.version());
            assertThat(stored.stock()).isEqualTo(10);
        });
    }

    @Test
    void concurrentRequestsForOneUnknownProductShareOneFetch() throws Exception {
        Product p = Product.active(1_000, 50);
        FakeCatalog.serve(p);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String token = TestTokens.customer(newUser());
                calls.add(() -> RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(Map.of("productId", p.id(), "quantity", 1)).when().post("/api/v1/cart/items")
                        .statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(FakeCatalog.calls(p.id())).isEqualTo(1);
    }

    @Test
    void anIdTheCatalogueDoesNotKnowEitherIs404AndIsNotAskedForAgainAtOnce() {
        String unknown = CatalogEvents.newProductId();
        String user = newUser();

        add(as(user), unknown, 1).then().statusCode(404);
        add(as(user), unknown, 1).then().statusCode(404);

        assertThat(FakeCatalog.calls(unknown)).isEqualTo(1);
    }

    @Test
    void anEventNewerThanTheFetchedProductWins() {
        Product p = Product.active(1_000, 10);
        FakeCatalog.serve(p);
        add(as(newUser()), p.id(), 1).then().statusCode(200);

        try (CatalogEvents catalog = new CatalogEvents()) {
            ReadModel.publishUpdate(catalog, p.withPrice(1_100), "price");
        }
        add(as(newUser()), p.id(), 1).then().statusCode(200).body("items[0].unitPrice.amount", equalTo(1_100));
        assertThat(FakeCatalog.calls(p.id())).isEqualTo(1);
    }

    @Test
    void aFailingCatalogueIs503AfterRetriesAndOpensTheCircuit() {
        FakeCatalog.failing(true);
        try {
            String first = CatalogEvents.newProductId();
            add(as(newUser()), first, 1).then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/service-unavailable"));
            assertThat(FakeCatalog.calls(first)).as("one call and two retries").isEqualTo(3);

            // Enough failures open the circuit: calls stop reaching the catalogue and fail fast.
            String second = CatalogEvents.newProductId();
            add(as(newUser()), second, 1).then().statusCode(503);
            String third = CatalogEvents.newProductId();
            add(as(newUser()), third, 1).then().statusCode(503);
            assertThat(FakeCatalog.calls(third)).isZero();
        } finally {
            FakeCatalog.failing(false);
            awaitClosedCircuit();
        }
    }

    /** Once the catalogue answers again the circuit closes (after its delay), so other tests are not affected. */
    private static void awaitClosedCircuit() {
        Product p = Product.active(700, 5);
        FakeCatalog.serve(p);
        String user = newUser();
        Eventually.await("the circuit to close", () -> add(as(user), p.id(), 1).statusCode(),
                status -> status == 200);
    }
}
