package dev.shop.auth;

import dev.shop.testkit.HostileInputContract;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every operation of auth-service's API document, fed hostile input (see the test-kit README). */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class AuthHostileInputTest extends HostileInputContract {

    private static String token;

    @Override
    protected String bearerToken() {
        if (token == null) {
            // a session of its own: nothing the contract sends may end it (every body it sends is refused)
            token = AuthApi.admin().accessToken();
        }
        return token;
    }
}
