package dev.shop.cart.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.common.Money;
import dev.shop.kit.problem.ProblemException;

class WishlistTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void addingTwiceKeepsOneItemAndChangesNothing() {
        Wishlist wishlist = Wishlist.open("user-1", NOW);
        CatalogueProduct p = product("p-1", ProductStatus.ACTIVE, 5, false);

        wishlist.add(p, NOW);
        wishlist.add(p, NOW.plusSeconds(60));

        assertThat(wishlist.items()).containsExactly(new WishlistItem("p-1", NOW));
        assertThat(wishlist.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void aWishlistHoldsAtMostTwoHundredProducts() {
        Wishlist wishlist = Wishlist.open("user-1", NOW);
        for (int i = 0; i < Wishlist.MAX_ITEMS; i++) {
            wishlist.add(product("p-" + i, ProductStatus.ACTIVE, 1, false), NOW);
        }
        assertThatThrownBy(() -> wishlist.add(product("p-extra", ProductStatus.ACTIVE, 1, false), NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(422));
        // Adding one that is there already is still fine.
        wishlist.add(product("p-0", ProductStatus.ACTIVE, 1, false), NOW);
    }

    @Test
    void outOfStockProductsMayBeKeptButUnsoldOnesMayNot() {
        Wishlist wishlist = Wishlist.open("user-1", NOW);
        wishlist.add(product("p-out", ProductStatus.ACTIVE, 0, false), NOW);

        assertThatThrownBy(() -> wishlist.add(product("p-draft", ProductStatus.DRAFT, 5, false), NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> wishlist.add(product("p-del", ProductStatus.ACTIVE, 5, true), NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(wishlist.productIds()).containsExactly("p-out");
    }

    @Test
    void theViewShowsCurrentPricesAndWhyAProductCannotBeBought() {
        Wishlist wishlist = Wishlist.open("user-1", NOW);
        CatalogueProduct sale = new CatalogueProduct("p-sale", "S", "Sale", null, new Money(10_000, "INR"),
                new Offer(20, NOW.minusSeconds(10), NOW.plusSeconds(10), null), ProductStatus.ACTIVE, 3, false, 1);
        CatalogueProduct out = product("p-out", ProductStatus.ACTIVE, 0, false);
        wishlist.add(sale, NOW);
        wishlist.add(out, NOW.plusSeconds(1));
        wishlist.add(product("p-gone", ProductStatus.ACTIVE, 1, false), NOW.plusSeconds(2));
        Products products = new Products(Map.of("p-sale", sale, "p-out", out), Set.of("p-sale", "p-out", "p-gone"));

        WishlistView view = wishlist.view(products, NOW);

        assertThat(view.items()).extracting(WishlistView.Entry::productId).containsExactly("p-gone", "p-out",
                "p-sale");
        WishlistView.Entry onSale = view.items().get(2);
        assertThat(onSale.price()).isEqualTo(new Money(8_000, "INR"));
        assertThat(onSale.listPrice()).isEqualTo(new Money(10_000, "INR"));
        assertThat(onSale.onSale()).isTrue();
        assertThat(view.items().get(1).notice()).isEqualTo("This product is out of stock");
        assertThat(view.items().get(0).available()).isFalse();
        assertThatThrownBy(() -> wishlist.remove("p-none", NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    private static CatalogueProduct product(String id, ProductStatus status, int stock, boolean deleted) {
        return new CatalogueProduct(id, "SKU-" + id, "Name " + id, null, new Money(1_000, "INR"), null, status, stock,
                deleted, 1);
    }
}
