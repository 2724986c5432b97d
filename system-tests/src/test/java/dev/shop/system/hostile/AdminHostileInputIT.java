package dev.shop.system.hostile;

import org.junit.jupiter.api.Order;

import dev.shop.system.support.Client;
import dev.shop.system.support.SystemTest;

/** The contract with an admin's token: admin operations are reached behind the role checks. */
@SystemTest
@Order(40)
class AdminHostileInputIT extends GatewayContract {

    private static String token;

    @Override
    protected String bearerToken() {
        if (token == null) {
            // a session of its own: nothing the corpus sends may end it (every body it sends is refused)
            token = Client.demoAdmin().accessToken();
        }
        return token;
    }
}
