package dev.shop.admin;

import dev.shop.testkit.HostileInputContract;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of admin-service's API document, fed hostile input (see the test-kit README). The commands passed
 * through to auth, catalog and order service reach the fakes on the test port only when admin-service lets them by.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class AdminHostileInputTest extends HostileInputContract {

    private static final String TOKEN = TestTokens.admin(Events.newId());

    @Override
    protected String bearerToken() {
        return TOKEN;
    }
}
