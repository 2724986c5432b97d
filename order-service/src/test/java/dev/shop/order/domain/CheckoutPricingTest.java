package dev.shop.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.http.Problem;
import dev.shop.order.domain.CheckoutPricing.CartItem;
import dev.shop.order.domain.CheckoutPricing.QuotedItem;

class CheckoutPricingTest {

    private static final String P1 = "6560a1f2c3b4a59687001122";
    private static final String P2 = "6560a1f2c3b4a59687001133";

    private static Money inr(long amount) {
        return new Money(amount, "INR");
    }

    private static QuotedItem sellable(String id, long price) {
        return new QuotedItem(id, true, 10, null, "SKU-" + id.substring(20), "Product " + id.substring(20), null,
                inr(price));
    }

    @Test
    void linesArePricedAtTheQuoteAndMovedPricesReported() {
        List<CartItem> cart = CheckoutPricing.linesToQuote(List.of(new CartItem(P1, 2, inr(1_000)),
                new CartItem(P2, 1, inr(5_000))));

        CheckoutPricing.Priced priced = CheckoutPricing.price(cart, List.of(sellable(P1, 1_200), sellable(P2, 5_000)));

        assertThat(priced.lines()).extracting(OrderLine::lineTotal).containsExactly(inr(2_400), inr(5_000));
        assertThat(priced.priceChanges()).singleElement().satisfies(c -> {
            assertThat(c.productId()).isEqualTo(P1);
            assertThat(c.cartPrice()).isEqualTo(inr(1_000));
            assertThat(c.price()).isEqualTo(inr(1_200));
        });
    }

    @Test
    void theSameProductTwiceIsOneLine() {
        assertThat(CheckoutPricing.linesToQuote(List.of(new CartItem(P1, 2, null), new CartItem(P1, 3, null))))
                .singleElement().satisfies(l -> assertThat(l.quantity()).isEqualTo(5));
    }

    @Test
    void anEmptyCartAndImpossibleLinesAreRefusedBeforeAskingTheCatalogue() {
        assertThatThrownBy(() -> CheckoutPricing.linesToQuote(List.of()))
                .isInstanceOfSatisfying(CheckoutRefused.class,
                        e -> assertThat(e.type()).isEqualTo(CheckoutRefused.CART_EMPTY));
        assertThatThrownBy(() -> CheckoutPricing.linesToQuote(List.of(new CartItem("../etc", 1, null),
                new CartItem(P1, 0, null))))
                .isInstanceOfSatisfying(CheckoutRefused.class, e -> assertThat(e.violations())
                        .extracting(Problem.Violation::field).containsExactly("items[../etc]", "items[" + P1 + "]"));
    }

    @Test
    void everyLineTheCatalogueCannotSellIsNamed() {
        List<CartItem> cart = CheckoutPricing.linesToQuote(List.of(new CartItem(P1, 3, null),
                new CartItem(P2, 1, null)));
        QuotedItem scarce = new QuotedItem(P1, false, 1, "INSUFFICIENT_STOCK", "S", "Headlamp", null, inr(10));

        assertThatThrownBy(() -> CheckoutPricing.price(cart, List.of(scarce)))
                .isInstanceOfSatisfying(CheckoutRefused.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.violations()).extracting(Problem.Violation::message)
                            .containsExactly("Headlamp: only 1 left (INSUFFICIENT_STOCK)",
                                    "product " + P2 + ": no longer in the catalogue (NOT_FOUND)");
                });
    }
}
