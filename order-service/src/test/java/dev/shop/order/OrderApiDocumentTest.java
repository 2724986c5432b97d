package dev.shop.order;

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
class OrderApiDocumentTest extends ApiDocumentContract {

    /**
     * A payment provider's webhook is the provider's own bytes, in its own format: the signature is checked over them
     * exactly as they came, before anything parses them.
     */
    @Override
    protected Set<String> untypedBodies() {
        return Set.of("POST /api/v1/payments/webhooks/{provider}");
    }
}
