package dev.shop.catalog;

import dev.shop.testkit.ServiceBaselineContract;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class CatalogServiceBaselineTest extends ServiceBaselineContract {

    @Override
    protected String serviceName() {
        return "catalog-service";
    }
}
