package dev.shop.admin;

import dev.shop.testkit.ServiceBaselineContract;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class AdminServiceBaselineTest extends ServiceBaselineContract {

    @Override
    protected String serviceName() {
        return "admin-service";
    }
}
