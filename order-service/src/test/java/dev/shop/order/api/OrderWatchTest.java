package dev.shop.order.api;

import static dev.shop.order.support.Orders.newUser;
import static dev.shop.order.support.Orders.placeCod;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.kit.aggregate.AggregateWrites;
import dev.shop.order.support.CatalogRole;
import dev.shop.order.support.FakeWorld;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Following an order without polling: every read has the order's ETag, If-None-Match with it is 304, and with
 * {@code Prefer: wait=N} the read waits for the order to change — answered as soon as the saga confirms it, or with
 * 304 when the wait is over.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class OrderWatchTest {

    @Inject
    AggregateWrites writes;

    CatalogRole catalog;

    @BeforeEach
    void open() {
        catalog = new CatalogRole();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void aReadCarriesTheOrdersTagAndIsNotModifiedWhileItHolds() {
        String user = newUser();
        String id = placedOrder(user);

        String tag = read(user, id, null, null).then().statusCode(200).body("status", equalTo("PENDING"))
                .header("Cache-Control", "private, no-cache").extract().header("ETag");
        assertThat(tag).startsWith("W/\"");

        read(user, id, tag, null).then().statusCode(304).header("ETag", tag).body(emptyOrNullString());
        read(user, id, "\"" + tag.substring(3), null).then().statusCode(304); // the weak comparison
        read(user, id, "W/\"999\"", null).then().statusCode(200).header("ETag", tag);
        // a preference the server cannot read is ignored: no wait
        read(user, id, tag, "wait=soon").then().statusCode(304).header("Preference-Applied", nullValue());
    }

    @Test
    void aWaitingReadIsAnsweredWhenTheSagaConfirmsTheOrder() throws Exception {
        String user = newUser();
        String id = placedOrder(user);
        String tag = read(user, id, null, null).then().statusCode(200).extract().header("ETag");

        long started = System.nanoTime();
        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> read(user, id, tag, "wait=60"));
        Thread.sleep(700);
        assertThat(waiting).as("still waiting for a change").isNotDone();
        catalog.reserve(id);

        Response answer = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
        long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        answer.then().statusCode(200).body("status", equalTo("CONFIRMED"))
                // the asked-for wait is capped at shop.order.watch.max-wait
                .header("Preference-Applied", "wait=5");
        assertThat(answer.header("ETag")).isNotEqualTo(tag);
        assertThat(tookMs).as("answered once the order changed, before the wait ran out").isBetween(700L, 4_900L);
    }

    @Test
    void aWaitWithoutChangeEndsInNotModified() {
        String user = newUser();
        String id = placedOrder(user);
        String tag = read(user, id, null, null).then().statusCode(200).extract().header("ETag");

        long started = System.nanoTime();
        read(user, id, tag, "respond-async, wait=1").then().statusCode(304).header("ETag", tag)
                .header("Preference-Applied", "wait=1");
        assertThat(Duration.ofNanos(System.nanoTime() - started).toMillis()).isGreaterThanOrEqualTo(950L);
        // a tag that no longer holds is answered at once, wait or not
        read(user, id, "W/\"999\"", "wait=5").then().statusCode(200).header("ETag", tag);
        assertThat(writes.waiting()).as("no wake-up left registered").isZero();
    }

    @Test
    void anotherCustomersOrderIsNotFoundWithoutWaiting() {
        String owner = newUser();
        String id = placedOrder(owner);
        String tag = read(owner, id, null, null).then().statusCode(200).extract().header("ETag");

        long started = System.nanoTime();
        read(newUser(), id, tag, "wait=5").then().statusCode(404);
        assertThat(Duration.ofNanos(System.nanoTime() - started).toMillis()).isLessThan(2_000L);
    }

    private static String placedOrder(String user) {
        FakeWorld.Product product = FakeWorld.product("Brake pad set", 129_900, 10);
        FakeWorld.cart(user, FakeWorld.line(product, 1));
        return placeCod(user);
    }

    private static Response read(String user, String id, String ifNoneMatch, String prefer) {
        var request = given().auth().oauth2(TestTokens.customer(user));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return request.when().get("/api/v1/orders/" + id);
    }
}
