package dev.shop.order.application;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.order.client.CartReader;
import dev.shop.order.client.PriceQuotes;
import dev.shop.order.domain.CheckoutPricing;
import io.smallrye.mutiny.Uni;

/** The caller's cart priced by the catalogue's quote, with the caller's token: what checkout and the coupon check use. */
@ApplicationScoped
public class CartPricing {

    private final CartReader carts;
    private final PriceQuotes quotes;

    public CartPricing(CartReader carts, PriceQuotes quotes) {
        this.carts = carts;
        this.quotes = quotes;
    }

    /**
     * @throws dev.shop.order.domain.CheckoutRefused an empty cart; lines the catalogue cannot sell
     * @throws dev.shop.kit.problem.ProblemException 503 when cart or catalog cannot answer
     */
    public Uni<CheckoutPricing.Priced> price(String userId, String token) {
        return carts.read(userId, token).flatMap(snapshot -> {
            List<CheckoutPricing.CartItem> cart = CheckoutPricing.linesToQuote(snapshot.items());
            return quotes.quote(token, cart).map(quote -> CheckoutPricing.price(cart, quote).asOf(snapshot.asOf()));
        });
    }
}
