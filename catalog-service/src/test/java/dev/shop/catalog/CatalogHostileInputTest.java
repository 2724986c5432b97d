package dev.shop.catalog;

import dev.shop.testkit.HostileInputContract;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every operation of catalog-service's API document, fed hostile input (see the test-kit README). */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class CatalogHostileInputTest extends HostileInputContract {

    @Override
    protected String bearerToken() {
        return CatalogFixtures.adminToken();
    }
}
