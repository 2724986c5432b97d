package dev.shop.cart;

import dev.shop.testkit.ServiceBaselineContract;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class CartServiceBaselineTest extends ServiceBaselineContract {

    @Override
    protected String serviceName() {
        return "cart-service";
    }
}
