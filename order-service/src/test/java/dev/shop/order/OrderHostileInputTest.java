package dev.shop.order;

import java.util.Set;

import dev.shop.order.support.Orders;
import dev.shop.testkit.HostileInputContract;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every operation of order-service's API document, fed hostile input (see the test-kit README). */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class OrderHostileInputTest extends HostileInputContract {

    private static final String TOKEN = TestTokens.admin(Orders.newUser());

    /** An admin (who is a customer too): past the role checks of the coupon, analytics and status operations. */
    @Override
    protected String bearerToken() {
        return TOKEN;
    }

    /**
     * A payment provider's webhook takes the raw bytes the provider signed, whatever their media type: an unknown
     * provider is 404 and an unsigned body 401 before any content type matters, so its text/plain variant cannot be the
     * contract's 415. {@code PaymentFlowTest} covers its refusals (unsigned, badly signed, tampered with, stale).
     */
    @Override
    protected Set<String> skippedOperations() {
        return Set.of("POST /api/v1/payments/webhooks/{provider}");
    }
}
