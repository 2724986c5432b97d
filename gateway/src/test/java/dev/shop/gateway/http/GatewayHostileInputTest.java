package dev.shop.gateway.http;

import dev.shop.gateway.proxy.StubUpstreams;
import dev.shop.gateway.security.RevokedBeforeStart;
import dev.shop.testkit.EdgeHostileInputContract;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The edge part of the hostile-input contract, at the gateway: what is refused before a route is chosen is a problem
 * answered by the gateway itself, never proxied. (Bodies are the services' business: their own generated tests walk
 * their API documents.)
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
@WithTestResource(StubUpstreams.class)
@WithTestResource(RevokedBeforeStart.class)
class GatewayHostileInputTest extends EdgeHostileInputContract {

    @Override
    protected String postPath() {
        return "/api/v1/auth/login";
    }
}
