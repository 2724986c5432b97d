package dev.shop.cart.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.common.Money;
import dev.shop.kit.problem.ProblemException;

class CartTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String INR = "INR";

    private final Map<String, CatalogueProduct> catalogue = new HashMap<>();

    @Test
    void totalsCountAnActiveOfferAndIgnoreAnExpiredOne() {
        CatalogueProduct onSale = product("p-sale", 129_900, 10,
                new Offer(10, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)), "Diwali"));
        CatalogueProduct expired = product("p-expired", 50_000, 10,
                new Offer(20, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(1)), "Old"));
        CatalogueProduct plain = product("p-plain", 999, 10, null);
        Cart cart = customerCart();
        cart.add(onSale, 2, NOW);
        cart.add(expired, 1, NOW);
        cart.add(plain, 3, NOW);

        CartView view = cart.review(products(), NOW, INR);

        // 10 % off 1,299.00 is 1,169.10; the expired offer leaves 500.00.
        assertThat(view.lines()).extracting(PricedLine::unitPrice)
                .containsExactly(inr(116_910), inr(50_000), inr(999));
        assertThat(view.lines()).extracting(PricedLine::lineTotal)
                .containsExactly(inr(233_820), inr(50_000), inr(2_997));
        assertThat(view.subtotal()).isEqualTo(inr(2 * 129_900 + 50_000 + 3 * 999));
        assertThat(view.discountTotal()).isEqualTo(inr(2 * 12_990));
        assertThat(view.total()).isEqualTo(inr(233_820 + 50_000 + 2_997));
        assertThat(view.itemCount()).isEqualTo(6);
        assertThat(view.lines()).extracting(PricedLine::notice).containsOnlyNulls();
    }

    @Test
    void anOfferEndingIsARepricingTheOwnerIsToldOnce() {
        Offer endsSoon = new Offer(50, NOW.minus(Duration.ofDays(1)), NOW.plusSeconds(60), "Flash");
        Cart cart = customerCart();
        cart.add(product("p-1", 10_000, 5, endsSoon), 1, NOW);
        assertThat(cart.review(products(), NOW, INR).total()).isEqualTo(inr(5_000));

        Instant later = NOW.plusSeconds(61);
        CartView first = cart.review(products(), later, INR);
        CartView second = cart.review(products(), later, INR);

        assertThat(first.total()).isEqualTo(inr(10_000));
        assertThat(first.lines().get(0).notice()).isEqualTo("Price changed from ₹50 to ₹100");
        assertThat(second.lines().get(0).notice()).isNull();
    }

    @Test
    void aPreviewShowsTheNewPriceButLeavesTheNoticeForTheOwner() {
        Cart cart = customerCart();
        cart.add(product("p-1", 129_900, 5, null), 1, NOW);
        cart.review(products(), NOW, INR);
        product("p-1", 109_900, 5, null);

        CartView preview = cart.preview(products(), NOW, INR);
        assertThat(preview.lines().get(0).unitPrice()).isEqualTo(inr(109_900));
        assertThat(cart.reviewWouldChange(products(), NOW, INR)).isTrue();

        CartView review = cart.review(products(), NOW, INR);
        assertThat(review.lines().get(0).notice()).isEqualTo("Price changed from ₹1,299 to ₹1,099");
        assertThat(cart.reviewWouldChange(products(), NOW, INR)).isFalse();
    }

    @Test
    void anArchivedProductIsUnavailableOutOfTheTotalsUntilItIsSoldAgain() {
        Cart cart = customerCart();
        cart.add(product("p-keep", 1_000, 5, null), 1, NOW);
        cart.add(product("p-gone", 2_000, 5, null), 2, NOW);
        cart.review(products(), NOW, INR);
        put(new CatalogueProduct("p-gone", "SKU", "Gone", null, inr(2_000), null, ProductStatus.ARCHIVED, 5, false,
                2));

        CartView view = cart.review(products(), NOW, INR);
        CartView again = cart.review(products(), NOW, INR);

        PricedLine gone = view.lines().get(1);
        assertThat(gone.available()).isFalse();
        assertThat(gone.lineTotal()).isEqualTo(inr(0));
        assertThat(gone.notice()).isEqualTo("This product is no longer available");
        assertThat(view.total()).isEqualTo(inr(1_000));
        assertThat(view.itemCount()).isEqualTo(1);
        // The reason stays on the line while it lasts.
        assertThat(again.lines().get(1).notice()).isEqualTo("This product is no longer available");

        product("p-gone", 2_000, 5, null);
        CartView back = cart.review(products(), NOW, INR);
        assertThat(back.lines().get(1).available()).isTrue();
        assertThat(back.lines().get(1).notice()).isEqualTo("This product is available again");
        assertThat(back.total()).isEqualTo(inr(5_000));
    }

    @Test
    void aDeletedProductStaysInTheCartAsUnavailable() {
        Cart cart = customerCart();
        cart.add(product("p-1", 1_000, 5, null), 1, NOW);
        put(new CatalogueProduct("p-1", "SKU", "Name", null, inr(1_000), null, ProductStatus.ACTIVE, 5, true, 3));

        PricedLine line = cart.review(products(), NOW, INR).lines().get(0);

        assertThat(line.available()).isFalse();
        assertThat(line.notice()).isEqualTo("This product was removed from the catalogue");
    }

    @Test
    void stockBelowTheQuantityCapsTheLineWithANoticeAndNoStockMakesItUnavailable() {
        Cart cart = customerCart();
        cart.add(product("p-1", 1_000, 10, null), 5, NOW);
        cart.review(products(), NOW, INR);
        product("p-1", 1_000, 3, null);

        CartView capped = cart.review(products(), NOW, INR);
        assertThat(capped.lines().get(0).quantity()).isEqualTo(3);
        assertThat(capped.lines().get(0).notice()).isEqualTo("Only 3 left in stock: quantity reduced from 5 to 3");
        assertThat(cart.line("p-1").orElseThrow().quantity()).isEqualTo(3);

        product("p-1", 1_000, 0, null);
        PricedLine out = cart.review(products(), NOW, INR).lines().get(0);
        assertThat(out.available()).isFalse();
        assertThat(out.quantity()).isEqualTo(3);
        assertThat(out.notice()).isEqualTo("This product is out of stock");
    }

    @Test
    void addingChecksQuantityLimitsStockAndAvailability() {
        Cart cart = customerCart();
        CatalogueProduct p = product("p-1", 1_000, 500, null);
        cart.add(p, 98, NOW);

        assertProblem(() -> cart.add(p, 2, NOW), 422, CartProblems.LIMIT_REACHED);
        assertProblem(() -> cart.add(p, 0, NOW), 400, "/problems/validation");
        assertProblem(() -> cart.add(p, 100, NOW), 400, "/problems/validation");
        assertProblem(() -> cart.add(product("p-few", 1_000, 2, null), 3, NOW), 422, CartProblems.INSUFFICIENT_STOCK);
        assertThatThrownBy(() -> cart.add(product("p-few2", 1_000, 2, null), 3, NOW))
                .hasMessageContaining("available: 2");
        CatalogueProduct draft = new CatalogueProduct("p-draft", "S", "Draft", null, inr(1), null,
                ProductStatus.DRAFT, 5, false, 1);
        assertProblem(() -> cart.add(draft, 1, NOW), 422, CartProblems.PRODUCT_UNAVAILABLE);
        CatalogueProduct deleted = new CatalogueProduct("p-del", "S", "Deleted", null, inr(1), null,
                ProductStatus.ACTIVE, 5, true, 1);
        assertProblem(() -> cart.add(deleted, 1, NOW), 404, "/problems/not-found");
        assertThat(cart.line("p-1").orElseThrow().quantity()).isEqualTo(98);
    }

    @Test
    void aCartHoldsAtMostOneHundredProducts() {
        Cart cart = customerCart();
        for (int i = 0; i < Cart.MAX_LINES; i++) {
            cart.add(product("p-" + i, 100, 5, null), 1, NOW);
        }
        assertProblem(() -> cart.add(product("p-extra", 100, 5, null), 1, NOW), 422, CartProblems.LIMIT_REACHED);
        // More of a product already in the cart is fine.
        cart.add(product("p-0", 100, 5, null), 1, NOW);
        assertThat(cart.lines()).hasSize(Cart.MAX_LINES);
    }

    @Test
    void settingTheQuantityToZeroRemovesTheLine() {
        Cart cart = customerCart();
        CatalogueProduct p = product("p-1", 1_000, 5, null);
        cart.add(p, 2, NOW);

        cart.setQuantity("p-1", 4, Optional.of(p), NOW);
        assertThat(cart.line("p-1").orElseThrow().quantity()).isEqualTo(4);
        assertProblem(() -> cart.setQuantity("p-1", 6, Optional.of(p), NOW), 422, CartProblems.INSUFFICIENT_STOCK);
        cart.setQuantity("p-1", 0, Optional.of(p), NOW);
        assertThat(cart.lines()).isEmpty();
        assertProblem(() -> cart.setQuantity("p-1", 1, Optional.of(p), NOW), 404, "/problems/not-found");
    }

    @Test
    void mergingAddsUpQuantitiesWithinTheLimitsAndOnlyOnce() {
        CatalogueProduct both = product("p-both", 1_000, 500, null);
        CatalogueProduct scarce = product("p-scarce", 1_000, 4, null);
        CatalogueProduct guestOnly = product("p-guest", 1_000, 5, null);
        Cart mine = customerCart();
        mine.add(both, 60, NOW);
        mine.add(scarce, 3, NOW);
        Cart guest = Cart.open(CartToken.issue().owner(), NOW);
        guest.add(both, 50, NOW);
        guest.add(scarce, 3, NOW);
        guest.add(guestOnly, 2, NOW);

        mine.merge(guest, products(), NOW);
        CartView view = mine.review(products(), NOW, INR);

        assertThat(view.lines()).extracting(PricedLine::productId, PricedLine::quantity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("p-both", 99), org.assertj.core.groups.Tuple.tuple("p-scarce", 4),
                org.assertj.core.groups.Tuple.tuple("p-guest", 2));
        assertThat(view.lines().get(0).notice()).contains("At most 99");
        assertThat(view.lines().get(1).notice()).isEqualTo("Only 4 left in stock: quantity reduced from 6 to 4");
        assertThat(view.lines().get(2).notice()).isNull();

        mine.merge(guest, products(), NOW);
        assertThat(mine.line("p-guest").orElseThrow().quantity()).isEqualTo(2);
    }

    @Test
    void anOrderTrimsTheCartOnce() {
        Cart cart = customerCart();
        cart.add(product("p-1", 1_000, 10, null), 3, NOW);
        cart.add(product("p-2", 1_000, 10, null), 1, NOW);
        List<PurchasedLine> bought = List.of(new PurchasedLine("p-1", 2), new PurchasedLine("p-2", 1),
                new PurchasedLine("p-other", 4));

        cart.trimPurchased("order-1", bought, NOW, NOW);
        cart.trimPurchased("order-1", bought, NOW, NOW);

        assertThat(cart.lines()).extracting(CartLine::productId, CartLine::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p-1", 1));
        assertThat(cart.appliedOrders()).containsExactly("order-1");
    }

    @Test
    void aLinePutInAgainAfterTheOrderWasPlacedStaysInTheCart() {
        Cart cart = customerCart();
        cart.add(product("p-1", 1_000, 10, null), 1, NOW);
        cart.add(product("p-2", 1_000, 10, null), 2, NOW);
        Instant placedFrom = cart.updatedAt();
        // after checkout, before the confirmation reaches the cart: p-1 is taken out and put in again, p-2 gets one more
        Instant later = NOW.plusSeconds(5);
        cart.remove("p-1", later);
        cart.add(product("p-1", 1_000, 10, null), 1, later);
        cart.add(product("p-2", 1_000, 10, null), 1, later);

        cart.trimPurchased("order-1", List.of(new PurchasedLine("p-1", 1), new PurchasedLine("p-2", 2)), placedFrom,
                later.plusSeconds(1));

        assertThat(cart.lines()).extracting(CartLine::productId, CartLine::quantity).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("p-1", 1), org.assertj.core.groups.Tuple.tuple("p-2", 1));
    }

    @Test
    void onlyTheLatestOrdersAreRemembered() {
        Cart cart = customerCart();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < Cart.REMEMBERED + 5; i++) {
            orders.add("order-" + i);
            cart.trimPurchased("order-" + i, List.of(), NOW, NOW);
        }
        assertThat(cart.appliedOrders()).hasSize(Cart.REMEMBERED).containsExactlyElementsOf(orders.subList(5,
                orders.size()));
    }

    @Test
    void aGuestCartExpiresAfterThirtyIdleDaysAndReadingItCountsAsActivity() {
        Cart guest = Cart.open(CartToken.issue().owner(), NOW);
        assertThat(guest.expiresAt()).contains(NOW.plus(Duration.ofDays(30)));
        assertThat(guest.expired(NOW.plus(Duration.ofDays(30)))).isTrue();
        assertThat(guest.expired(NOW.plus(Duration.ofDays(29)))).isFalse();

        Instant later = NOW.plus(Duration.ofDays(10));
        assertThat(guest.reviewWouldChange(products(), later, INR)).isTrue();
        guest.review(products(), later, INR);
        assertThat(guest.expiresAt()).contains(later.plus(Duration.ofDays(30)));
        // Within a day a read records nothing.
        assertThat(guest.reviewWouldChange(products(), later.plusSeconds(3600), INR)).isFalse();

        assertThat(customerCart().expiresAt()).isEmpty();
        assertThat(customerCart().expired(NOW.plus(Duration.ofDays(400)))).isFalse();
    }

    @Test
    void cartTokensAreLongRandomAndOnlyTheirHashNamesTheCart() {
        CartToken a = CartToken.issue();
        CartToken b = CartToken.issue();
        assertThat(a.value()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(a.value()).isNotEqualTo(b.value());
        assertThat(a.owner().cartId()).startsWith("guest:").doesNotContain(a.value());
        assertThat(CartToken.parse(a.value()).orElseThrow().owner()).isEqualTo(a.owner());
        assertThat(CartToken.parse("short")).isEmpty();
        assertThat(CartToken.parse(a.value() + "x")).isEmpty();
        assertThat(a.toString()).doesNotContain(a.value());
    }

    @Test
    void moneyReadsAsACustomerWritesIt() {
        assertThat(MoneyText.format(inr(129_900))).isEqualTo("₹1,299");
        assertThat(MoneyText.format(inr(129_950))).isEqualTo("₹1,299.50");
        assertThat(MoneyText.format(inr(12_990_000))).isEqualTo("₹1,29,900");
        assertThat(MoneyText.format(inr(99))).isEqualTo("₹0.99");
        assertThat(MoneyText.format(new Money(1_299, "USD"))).endsWith("$12.99");
        assertThat(MoneyText.format(new Money(1_299, "XYZ"))).isEqualTo("XYZ 12.99");
    }

    private Cart customerCart() {
        return Cart.open(new CartOwner.Customer("user-1"), NOW);
    }

    private CatalogueProduct product(String id, long price, int stock, Offer offer) {
        return put(new CatalogueProduct(id, "SKU-" + id, "Name " + id, "/api/v1/media/" + id, inr(price), offer,
                ProductStatus.ACTIVE, stock, false, 1));
    }

    private CatalogueProduct put(CatalogueProduct p) {
        catalogue.put(p.id(), p);
        return p;
    }

    private Products products() {
        return new Products(catalogue, catalogue.keySet());
    }

    private static Money inr(long amount) {
        return new Money(amount, INR);
    }

    private static void assertProblem(Runnable call, int status, String type) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.status()).isEqualTo(status);
            assertThat(p.type()).isEqualTo(type);
        });
    }
}
