package dev.shop.catalog;

import java.util.Set;

import dev.shop.testkit.ApiDocumentContract;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service's API document is good enough to generate a client from (see the test kit's README); which statuses its
 * operations answer is checked against what every other test of the service observes.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class CatalogApiDocumentTest extends ApiDocumentContract {

    /** An image upload is multipart/form-data with the file and its alt text, not JSON. */
    @Override
    protected Set<String> untypedBodies() {
        return Set.of("POST /api/v1/products/{id}/images");
    }
}
