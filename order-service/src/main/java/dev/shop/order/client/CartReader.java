package dev.shop.order.client;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.shop.order.config.OrderConfig;
import dev.shop.order.domain.CheckoutPricing.CartItem;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/** Reads the customer's cart for checkout, with the customer's token. */
@ApplicationScoped
public class CartReader {

    private final CartApi api;
    private final OrderConfig.Dependency settings;
    private final TypedGuard<Uni<CartApi.CartView>> guard;

    public CartReader(@RestClient CartApi api, OrderConfig config) {
        this.api = api;
        this.settings = config.dependencies().cart();
        this.guard = Guards.of(CartApi.SERVICE, settings, new TypeLiteral<>() {
        });
    }

    /**
     * The caller's cart as read now.
     *
     * @param items its lines (empty when there is no cart)
     * @param asOf its {@code updatedAt} (cart-service's clock), absent for no cart
     */
    public record Snapshot(List<CartItem> items, java.time.Instant asOf) {
    }

    /**
     * The lines of the caller's cart (empty when there is none) and when it last changed.
     *
     * @param userId the caller, to check the cart is theirs
     * @param token the caller's access token
     * @throws dev.shop.kit.problem.ProblemException 503 when cart-service cannot answer
     */
    public Uni<Snapshot> read(String userId, String token) {
        return guard.get(() -> api.cart("Bearer " + token))
                .onFailure().transform(failure -> Guards.problem(CartApi.SERVICE, settings, failure))
                .map(cart -> {
                    if (cart == null) {
                        return new Snapshot(List.of(), null);
                    }
                    if (cart.userId() != null && !cart.userId().equals(userId)) {
                        Log.errorf("cart-service answered the cart of %s to %s", cart.userId(), userId);
                        throw new DependencyDown(CartApi.SERVICE + " answered with another customer's cart", 1);
                    }
                    List<CartItem> items = cart.items() == null ? List.of()
                            : cart.items().stream()
                                    .map(i -> new CartItem(i.productId(), i.quantity() == null ? 0 : i.quantity(),
                                            i.unitPrice()))
                                    .toList();
                    return new Snapshot(items, cart.updatedAt());
                });
    }
}
