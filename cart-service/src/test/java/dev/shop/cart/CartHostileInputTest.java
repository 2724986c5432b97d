package dev.shop.cart;

import dev.shop.cart.support.CartApi;
import dev.shop.testkit.HostileInputContract;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every operation of cart-service's API document, fed hostile input (see the test-kit README). */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class CartHostileInputTest extends HostileInputContract {

    private static final String TOKEN = TestTokens.customer(CartApi.newUser());

    /** A customer of its own: every operation is a customer's (guests reach a subset of them). */
    @Override
    protected String bearerToken() {
        return TOKEN;
    }
}
