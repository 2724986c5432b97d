package dev.shop.admin;

import java.util.HashSet;
import java.util.Set;

import dev.shop.testkit.ApiDocument;
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
class AdminApiDocumentTest extends ApiDocumentContract {

    /**
     * The catalogue administration, the order status change and the account commands are passed through to
     * catalog-service, order-service and auth-service: bodies go as they came and answers come back as those services gave
     * them, so their types are
     * the ones those services' documents describe.
     */
    @Override
    protected Set<String> untypedBodies() {
        if (passedThrough == null) {
            Set<String> keys = new HashSet<>(Set.of("PATCH /api/v1/admin/orders/{id}/status",
                    "POST /api/v1/admin/users/{id}/block", "POST /api/v1/admin/users/{id}/unblock",
                    "PUT /api/v1/admin/users/{id}/roles"));
            ApiDocument.fetch().operations().stream().filter(o -> o.path().startsWith("/api/v1/admin/catalog/"))
                    .forEach(o -> keys.add(o.key()));
            passedThrough = keys;
        }
        return passedThrough;
    }

    private Set<String> passedThrough;
}
