package dev.shop.cart;

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
class CartApiDocumentTest extends ApiDocumentContract {
}
