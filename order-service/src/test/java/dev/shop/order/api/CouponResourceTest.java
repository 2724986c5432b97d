package dev.shop.order.api;

import static dev.shop.order.support.Coupons.check;
import static dev.shop.order.support.Coupons.create;
import static dev.shop.order.support.Coupons.created;
import static dev.shop.order.support.Coupons.newCode;
import static dev.shop.order.support.Coupons.percent;
import static dev.shop.order.support.Coupons.placeWith;
import static dev.shop.order.support.Orders.awaitStatus;
import static dev.shop.order.support.Orders.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;

import dev.shop.contracts.catalog.StockRejected;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.order.application.CouponRedemptions;
import dev.shop.order.domain.Coupon;
import dev.shop.order.persistence.CouponDocument;
import dev.shop.order.persistence.CouponRepository;
import dev.shop.order.persistence.OrderDocument;
import dev.shop.order.persistence.OrderRepository;
import dev.shop.order.persistence.ProductViewDocument;
import dev.shop.order.persistence.ProductViewRepository;
import dev.shop.order.support.CatalogRole;
import dev.shop.order.support.Coupons;
import dev.shop.order.support.Eventually;
import dev.shop.order.support.FakeCardPayer;
import dev.shop.order.support.FakeWorld;
import dev.shop.order.support.Orders;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Coupons: the admin's CRUD, the customer's check, discounts per line at checkout, every refusal with its reason, and the
 * usage limits under concurrency (counted atomically, given back when an order is cancelled or rejected).
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class CouponResourceTest {

    @Inject
    CouponRepository coupons;
    @Inject
    OrderRepository orders;
    @Inject
    ProductViewRepository productViews;
    @Inject
    CouponRedemptions redemptions;

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
    void anAdminCreatesReadsChangesAndWithdrawsCoupons() {
        String code = newCode("SAVE");
        Map<String, Object> body = percent(code.toLowerCase(), 10);
        body.put("maxDiscount", 50_000);
        body.put("minSubtotal", 100_000);
        body.put("validTo", "2099-01-01T00:00:00Z");
        body.put("maxUses", 100);
        body.put("maxUsesPerCustomer", 1);

        create(body).then().statusCode(201)
                .header("Location", endsWith("/api/v1/coupons/" + code))
                .body("code", equalTo(code))
                .body("kind", equalTo("PERCENT"))
                .body("currency", equalTo("INR"))
                .body("uses", equalTo(0))
                .body("remainingUses", equalTo(100))
                .body("version", equalTo(0));
        create(percent(code, 5)).then().statusCode(409).body("detail", containsString("taken"));
        Coupons.get(code.toLowerCase()).then().statusCode(200).body("maxUsesPerCustomer", equalTo(1));
        given().auth().oauth2(TestTokens.admin("a")).when().get("/api/v1/coupons?size=100").then().statusCode(200)
                .body("items.code", hasItem(code));

        Map<String, Object> change = new HashMap<>(body);
        change.put("value", 15);
        change.put("version", 0);
        given().auth().oauth2(TestTokens.admin("a")).contentType(ContentType.JSON).body(change)
                .when().put("/api/v1/coupons/" + code).then().statusCode(200)
                .body("value", equalTo(15)).body("version", equalTo(1));
        given().auth().oauth2(TestTokens.admin("a")).contentType(ContentType.JSON).body(change)
                .when().put("/api/v1/coupons/" + code).then().statusCode(409)
                .body("type", equalTo("/problems/stale-version"));

        given().auth().oauth2(TestTokens.admin("a")).when().delete("/api/v1/coupons/" + code).then().statusCode(204);
        Coupons.get(code).then().statusCode(404);
        given().auth().oauth2(TestTokens.admin("a")).when().get("/api/v1/coupons?size=100").then()
                .body("items.code", not(hasItem(code)));
        create(percent(code, 10)).then().statusCode(409);
    }

    @Test
    void invalidCouponsAreRefusedWithEveryBrokenRuleAndOnlyAdminsManageThem() {
        Map<String, Object> bad = percent("x", 150);
        bad.put("maxUses", 0);
        bad.put("validFrom", "2026-05-01T00:00:00Z");
        bad.put("validTo", "2026-04-01T00:00:00Z");
        create(bad).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("code", "value", "validTo", "maxUses")));
        bad.put("code", newCode("BAD"));
        create(bad).then().statusCode(400)
                .body("violations.field", equalTo(List.of("value", "validTo", "maxUses")));
        Coupons.get((String) bad.get("code")).then().statusCode(404);
        Map<String, Object> noKind = percent(newCode("K"), 5);
        noKind.put("kind", "BOGO");
        create(noKind).then().statusCode(400).body("violations.field", hasItem("kind"));

        given().auth().oauth2(TestTokens.customer(newUser())).contentType(ContentType.JSON)
                .body(percent(newCode("C"), 5)).when().post("/api/v1/coupons").then().statusCode(403);
        given().contentType(ContentType.JSON).body(percent(newCode("C"), 5)).when().post("/api/v1/coupons").then()
                .statusCode(401);
        given().auth().oauth2(TestTokens.customer(newUser())).when().get("/api/v1/coupons").then().statusCode(403);
    }

    @Test
    void theCheckShowsWhatTheCouponTakesOffTheCartLineByLine() {
        String user = newUser();
        FakeWorld.Product pads = FakeWorld.product("Brake pads", 129_900, 10);
        FakeWorld.Product oil = FakeWorld.product("Engine oil", 45_000, 10);
        FakeWorld.cart(user, FakeWorld.line(pads, 2), FakeWorld.line(oil, 1));
        String code = newCode("TEN");
        created(percent(code, 10));

        check(user, code.toLowerCase()).then().statusCode(200)
                .body("code", equalTo(code))
                .body("subtotal.amount", equalTo(304_800))
                .body("discountTotal.amount", equalTo(30_480))
                .body("total.amount", equalTo(274_320))
                .body("lines.productId", equalTo(List.of(pads.id(), oil.id())))
                .body("lines.discount.amount", equalTo(List.of(25_980, 4_500)));
        Coupons.get(code).then().body("uses", equalTo(0));
    }

    @Test
    void everyRefusalSaysWhy() {
        String user = newUser();
        FakeWorld.Product wiper = FakeWorld.product("Wiper blade", 49_900, 10);
        FakeWorld.cart(user, FakeWorld.line(wiper, 1));

        String expired = newCode("OLD");
        Map<String, Object> old = percent(expired, 10);
        old.put("validTo", "2020-01-01T00:00:00Z");
        created(old);
        String future = newCode("NEW");
        Map<String, Object> soon = percent(future, 10);
        soon.put("validFrom", "2099-01-01T00:00:00Z");
        created(soon);
        String minimum = newCode("MIN");
        Map<String, Object> min = percent(minimum, 10);
        min.put("minSubtotal", 100_000);
        created(min);
        String other = newCode("OTHER");
        Map<String, Object> scoped = percent(other, 10);
        scoped.put("productIds", List.of(FakeWorld.newId()));
        created(scoped);
        String once = newCode("ONCE");
        Map<String, Object> single = percent(once, 10);
        single.put("maxUses", 1);
        created(single);
        String first = newUser();
        FakeWorld.cart(first, FakeWorld.line(wiper, 1));
        placeWith(first, once).then().statusCode(202);

        check(user, expired).then().statusCode(422).body("type", equalTo("/problems/coupon-expired"))
                .body("detail", containsString("expired"));
        check(user, future).then().statusCode(422).body("type", equalTo("/problems/coupon-not-yet-valid"));
        check(user, minimum).then().statusCode(422).body("type", equalTo("/problems/coupon-below-minimum"))
                .body("detail", containsString("INR 1000.00")).body("detail", containsString("INR 499.00"));
        check(user, other).then().statusCode(422).body("type", equalTo("/problems/coupon-not-applicable"))
                .body("detail", containsString("none of these products"));
        check(user, once).then().statusCode(422).body("type", equalTo("/problems/coupon-used-up"));
        check(user, "NOSUCHCODE").then().statusCode(422).body("type", equalTo("/problems/coupon-unknown"));

        // The same reasons refuse an order, and nothing is ordered.
        placeWith(user, expired).then().statusCode(422).body("type", equalTo("/problems/coupon-expired"));
        placeWith(user, once).then().statusCode(422).body("type", equalTo("/problems/coupon-used-up"));
        assertThat(orders.mongoCollection().countDocuments(Filters.eq("userId", user)).await().indefinitely())
                .isZero();
    }

    @Test
    void anOrderWithACouponCarriesItsDiscountPerLineAndInItsTotals() {
        String user = newUser();
        FakeWorld.Product pads = FakeWorld.product("Brake pads", 129_900, 10);
        FakeWorld.Product oil = FakeWorld.product("Engine oil", 45_000, 10);
        FakeWorld.cart(user, FakeWorld.line(pads, 2), FakeWorld.line(oil, 1));
        // The coupon applies to the oils' category only; the category is known from the product events.
        ProductViewDocument view = new ProductViewDocument();
        view.id = oil.id();
        view.name = oil.name();
        view.categoryId = "oils";
        productViews.persist(view).await().indefinitely();
        String code = newCode("OIL");
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "kind", "AMOUNT", "value", 10_000,
                "categoryIds", List.of("oils")));
        created(body);

        String id = placeWith(user, code).then().statusCode(202).body("total.amount", equalTo(294_800))
                .extract().path("id");

        Orders.get(user, id).then().statusCode(200)
                .body("couponCode", equalTo(code))
                .body("subtotal.amount", equalTo(304_800))
                .body("discountTotal.amount", equalTo(10_000))
                .body("total.amount", equalTo(294_800))
                .body("lines.discount.amount", equalTo(List.of(0, 10_000)));
        OrderPlaced placed = EventJson.dataAs(catalog.await(id, OrderPlaced.TYPE), OrderPlaced.class);
        assertThat(placed.discountTotal().amount()).isEqualTo(10_000);
        assertThat(placed.total().amount()).isEqualTo(294_800);
        Coupons.get(code).then().body("uses", equalTo(1));
    }

    @Test
    void fiftyConcurrentOrdersForACouponWithFiveUsesGetExactlyFiveDiscounts() throws Exception {
        String code = newCode("FLASH");
        Map<String, Object> body = percent(code, 20);
        body.put("maxUses", 5);
        created(body);
        FakeWorld.Product product = FakeWorld.product("Helmet", 250_000, 1_000);
        List<Callable<Response>> checkouts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String user = newUser();
            FakeWorld.cart(user, FakeWorld.line(product, 1));
            Map<String, Object> order = new HashMap<>(Map.of("paymentMethod", "COD", "shippingAddress",
                    Orders.inlineAddress(), "couponCode", code));
            checkouts.add(() -> Orders.place(user, Orders.newKey(), order));
        }

        List<Response> answers = FakeCardPayer.atOnce(checkouts);

        assertThat(answers.stream().filter(r -> r.statusCode() == 202)).hasSize(5);
        assertThat(answers.stream().filter(r -> r.statusCode() == 422))
                .hasSize(45)
                .allSatisfy(r -> assertThat(r.<String> path("type")).isEqualTo("/problems/coupon-used-up"));
        List<OrderDocument> discounted = orders.mongoCollection().find(Filters.eq("couponCode", code)).collect()
                .asList().await().indefinitely();
        assertThat(discounted).hasSize(5).allSatisfy(o -> assertThat(o.discountTotal.amount).isEqualTo(50_000));
        CouponDocument coupon = coupons.findByCode(code).await().indefinitely().orElseThrow();
        assertThat(coupon.uses).isEqualTo(5);
        assertThat(coupon.redemptions).extracting(r -> r.orderId)
                .containsExactlyInAnyOrderElementsOf(discounted.stream().map(o -> o.id.toHexString()).toList());
    }

    @Test
    void aCustomerLimitHoldsAndACancelledOrRejectedOrderGivesItsUseBack() {
        String code = newCode("ONCEEACH");
        Map<String, Object> body = percent(code, 10);
        body.put("maxUsesPerCustomer", 1);
        created(body);
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Chain lube", 39_900, 10), 1));

        String first = placeWith(user, code).then().statusCode(202).extract().path("id");
        placeWith(user, code).then().statusCode(422).body("type", equalTo("/problems/coupon-customer-limit"))
                .body("detail", containsString("once per customer"));
        String neighbour = newUser();
        FakeWorld.cart(neighbour, FakeWorld.line(FakeWorld.product("Chain lube", 39_900, 10), 1));
        placeWith(neighbour, code).then().statusCode(202);

        Orders.cancel(user, first, "Wrong size").then().statusCode(200);
        Eventually.await(() -> customerUses(code, user), n -> n == 0, "the use of " + first + " given back");
        String second = placeWith(user, code).then().statusCode(202).extract().path("id");

        // A rejected order gives its use back too.
        catalog.reject(second, new StockRejected.RejectedLine(FakeWorld.newId(), 1, 0, "OUT_OF_STOCK"));
        awaitStatus(user, second, "REJECTED");
        Eventually.await(() -> customerUses(code, user), n -> n == 0, "the use of " + second + " given back");
        Coupons.get(code).then().body("uses", equalTo(1));
    }

    @Test
    void aUseClaimedByACheckoutWhoseOrderNeverAppearedIsGivenBack() {
        String code = newCode("LOST");
        Map<String, Object> body = percent(code, 10);
        body.put("maxUses", 2);
        created(body);
        CouponDocument coupon = coupons.findByCode(code).await().indefinitely().orElseThrow();
        String lost = new ObjectId().toHexString();
        // The state after the service stopped between a checkout's claim and its order's insert, long ago.
        assertThat(coupons.claim(coupon.id, coupon.version, 2, null, lost, Coupon.customerKey("u-lost"),
                Instant.now().minus(Duration.ofHours(1))).await().indefinitely()).isTrue();
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Bell", 2_900, 10), 1));
        String kept = placeWith(user, code).then().statusCode(202).extract().path("id");

        // The sweep (every second in tests) finds the lost claim: its order does not exist, so its use comes back.
        redemptions.sweep(Instant.now()).await().indefinitely();
        CouponDocument after = Eventually.await(() -> coupons.findByCode(code).await().indefinitely().orElseThrow(),
                c -> c.uses == 1 && c.redemptions.size() == 1 && c.redemptions.get(0).placed,
                "the lost claim given back and the kept one confirmed");
        assertThat(after.redemptions.get(0).orderId).isEqualTo(kept);
        assertThat(after.customerUses.get(Coupon.customerKey("u-lost"))).isZero();
    }

    private int customerUses(String code, String user) {
        return coupons.findByCode(code).await().indefinitely().orElseThrow().customerUses
                .getOrDefault(Coupon.customerKey(user), 0);
    }
}
