package dev.shop.cart.api;

import static dev.shop.cart.support.CartApi.add;
import static dev.shop.cart.support.CartApi.as;
import static dev.shop.cart.support.CartApi.cart;
import static dev.shop.cart.support.CartApi.newUser;
import static dev.shop.cart.support.ReadModel.publish;
import static dev.shop.cart.support.ReadModel.publishUpdate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.cart.messaging.ProductEventsConsumer;
import dev.shop.cart.support.CatalogEvents;
import dev.shop.cart.support.CatalogEvents.Product;
import dev.shop.cart.support.Eventually;
import dev.shop.cart.support.ReadModel;
import dev.shop.kit.messaging.IdempotentConsumer;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Catalogue events reaching carts that already hold the product. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class CatalogueChangesTest {

    @Inject
    IdempotentConsumer idempotent;

    CatalogEvents catalog;

    @BeforeEach
    void open() {
        catalog = new CatalogEvents();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void aPriceChangeRepricesTheLineWithANoticeShownOnce() {
        Product p = publish(catalog, Product.active(129_900, 10));
        String user = newUser();
        add(as(user), p.id(), 2).then().statusCode(200).body("items[0].unitPrice.amount", equalTo(129_900));

        publishUpdate(catalog, p.withPrice(109_900), "price");

        cart(as(user)).then().statusCode(200)
                .body("items[0].unitPrice.amount", equalTo(109_900))
                .body("items[0].lineTotal.amount", equalTo(219_800))
                .body("items[0].notice", equalTo("Price changed from ₹1,299 to ₹1,099"))
                .body("total.amount", equalTo(219_800));
        // Read once: the notice is gone, the price stays.
        cart(as(user)).then().statusCode(200)
                .body("items[0].unitPrice.amount", equalTo(109_900))
                .body("items[0].notice", nullValue());
    }

    @Test
    void anOfferEndsOnTimeWithoutAnyEvent() {
        Instant now = Instant.now();
        Product p = publish(catalog, Product.active(10_000, 10).withOffer(50, now.minus(Duration.ofDays(1)),
                now.plusSeconds(3)));
        String user = newUser();
        add(as(user), p.id(), 1).then().statusCode(200).body("items[0].unitPrice.amount", equalTo(5_000));

        JsonPath after = Eventually.await("the offer to end", () -> cart(as(user)).jsonPath(),
                body -> body.getInt("items[0].unitPrice.amount") == 10_000);

        assertThat(after.getString("items[0].notice")).isEqualTo("Price changed from ₹50 to ₹100");
        assertThat(after.getInt("discountTotal.amount")).isZero();
        assertThat(after.getInt("total.amount")).isEqualTo(10_000);
    }

    @Test
    void anArchivedProductMakesTheLineUnavailableAndLeavesTheTotals() {
        Product keep = publish(catalog, Product.active(1_000, 10));
        Product gone = publish(catalog, Product.active(5_000, 10));
        String user = newUser();
        add(as(user), keep.id(), 1);
        add(as(user), gone.id(), 2);

        publishUpdate(catalog, gone.withStatus("archived"), "status");

        cart(as(user)).then().statusCode(200)
                .body("items[1].productId", equalTo(gone.id()))
                .body("items[1].available", equalTo(false))
                .body("items[1].notice", equalTo("This product is no longer available"))
                .body("items[1].lineTotal.amount", equalTo(0))
                .body("items[1].quantity", equalTo(2))
                .body("subtotal.amount", equalTo(1_000))
                .body("total.amount", equalTo(1_000))
                .body("itemCount", equalTo(1));
        // Unavailable lines cannot be raised.
        as(user).body(java.util.Map.of("quantity", 3)).when().patch("/api/v1/cart/items/" + gone.id())
                .then().statusCode(422);
    }

    @Test
    void aDeletedProductMakesTheLineUnavailable() {
        Product p = publish(catalog, Product.active(1_000, 10));
        String user = newUser();
        add(as(user), p.id(), 1);

        catalog.delete(p);
        Eventually.await("the deletion in the read model", () -> ReadModel.product(p.id()),
                found -> found.isPresent() && found.get().deleted());

        cart(as(user)).then().statusCode(200)
                .body("items[0].available", equalTo(false))
                .body("items[0].notice", equalTo("This product was removed from the catalogue"))
                .body("total.amount", equalTo(0));
        add(as(user), p.id(), 1).then().statusCode(404);
        // Late events of a deleted product never bring it back.
        catalog.update(p.withPrice(900), "price");
        String marker = catalog.update(p.withPrice(800), "price");
        Eventually.await("the late event processed", () -> processed(marker), done -> done);
        assertThat(ReadModel.product(p.id()).orElseThrow().deleted()).isTrue();
    }

    @Test
    void stockFallingBelowTheQuantityCapsTheLineWithANotice() {
        Product p = publish(catalog, Product.active(1_000, 10));
        String user = newUser();
        add(as(user), p.id(), 5).then().statusCode(200);

        publishUpdate(catalog, p.withStock(3), "stock");

        cart(as(user)).then().statusCode(200)
                .body("items[0].quantity", equalTo(3))
                .body("items[0].notice", equalTo("Only 3 left in stock: quantity reduced from 5 to 3"))
                .body("total.amount", equalTo(3_000));
        cart(as(user)).then().body("items[0].quantity", equalTo(3)).body("items[0].notice", nullValue());

        publishUpdate(catalog, p.withStock(0), "stock");
        cart(as(user)).then()
                .body("items[0].available", equalTo(false))
                .body("items[0].notice", equalTo("This product is out of stock"))
                .body("total.amount", equalTo(0));
    }

    @Test
    void eventsDeliveredOutOfOrderLeaveTheNewestVersion() {
        Product v1 = publish(catalog, Product.active(1_000, 10));
        Product v3 = v1.withPrice(3_000).atVersion(3);
        Product v2 = v1.withPrice(2_000).atVersion(2);

        catalog.update(v3, "price");
        String late = catalog.update(v2, "price");
        Eventually.await("the older event processed", () -> processed(late), done -> done);

        assertThat(ReadModel.product(v1.id()).orElseThrow().version()).isEqualTo(3);
        assertThat(ReadModel.product(v1.id()).orElseThrow().price().amount()).isEqualTo(3_000);
        String user = newUser();
        add(as(user), v1.id(), 1).then().statusCode(200).body("items[0].unitPrice.amount", equalTo(3_000));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        Product p = publish(catalog, Product.active(1_000, 10));
        String envelope = CatalogEvents.updated(p.withPrice(1_500), "price");
        catalog.send(p.id(), envelope);
        ReadModel.awaitProduct(p.withPrice(1_500));
        Product newer = publishUpdate(catalog, p.withPrice(1_500).withPrice(1_800), "price");

        String again = catalog.send(p.id(), envelope);
        String marker = catalog.update(newer.withStock(newer.stock()), "stock");
        Eventually.await("the marker processed", () -> processed(marker), done -> done);

        assertThat(processed(again)).isTrue();
        assertThat(ReadModel.product(p.id()).orElseThrow().price().amount()).isEqualTo(1_800);
    }

    private boolean processed(String eventId) {
        return idempotent.hasProcessed(ProductEventsConsumer.CONSUMER, eventId).await().indefinitely();
    }
}
