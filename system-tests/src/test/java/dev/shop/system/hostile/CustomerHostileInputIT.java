package dev.shop.system.hostile;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Order;

import dev.shop.system.support.Client;
import dev.shop.system.support.SystemTest;

/** The contract with a customer's token: the cart, wishlist, order and review operations are reached. */
@SystemTest
@Order(41)
class CustomerHostileInputIT extends GatewayContract {

    private static String token;

    /**
     * Admin operations refuse a customer with 403 before they look at the body (as they must), so the body checks of
     * those run in {@link AdminHostileInputIT}; a customer's 403 on each of them is checked by the OWASP API5 test.
     */
    @Override
    protected Set<String> skippedOperations() {
        Set<String> skipped = new HashSet<>(super.skippedOperations());
        try {
            for (Operation op : operations(merged())) {
                if (op.node().has("x-required-role")) {
                    skipped.add(op.method().toUpperCase(Locale.ROOT) + " " + op.path());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return skipped;
    }

    @Override
    protected String bearerToken() {
        if (token == null) {
            token = Client.otpCustomer().accessToken();
        }
        return token;
    }
}
