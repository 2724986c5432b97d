package dev.shop.contracts.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationIdsTest {

    @Test
    void collectionsItemsAndActionsGetReadableIds() {
        assertThat(OperationIds.of("GET", "/api/v1/products")).isEqualTo("getProducts");
        assertThat(OperationIds.of("GET", "/api/v1/products/{idOrSlug}")).isEqualTo("getProduct");
        assertThat(OperationIds.of("POST", "/api/v1/products/{productId}/reviews")).isEqualTo("postProductReviews");
        assertThat(OperationIds.of("PUT", "/api/v1/products/{productId}/reviews/{reviewId}"))
                .isEqualTo("putProductReview");
        assertThat(OperationIds.of("POST", "/api/v1/orders/{id}/cancel")).isEqualTo("postOrderCancel");
        assertThat(OperationIds.of("POST", "/api/v1/auth/login")).isEqualTo("postAuthLogin");
        assertThat(OperationIds.of("GET", "/api/v1/categories/{idOrSlug}")).isEqualTo("getCategory");
        assertThat(OperationIds.of("PUT", "/api/v1/me/addresses/{id}")).isEqualTo("putMeAddress");
        assertThat(OperationIds.of("DELETE", "/api/v1/wishlist/{productId}")).isEqualTo("deleteWishlistItem");
        assertThat(OperationIds.of("POST", "/api/v1/wishlist/{productId}/move-to-cart"))
                .isEqualTo("postWishlistItemMoveToCart");
        assertThat(OperationIds.of("GET", "/api/v1/auth/.well-known/openid-configuration"))
                .isEqualTo("getAuthWellKnownOpenidConfiguration");
        assertThat(OperationIds.of("GET", "/api/v1/admin/audit.csv")).isEqualTo("getAdminAuditCsv");
        assertThat(OperationIds.of("patch", "/internal/dead-letters/{channel}")).isEqualTo("patchInternalDeadLetter");
    }

    @Test
    void aClashIsResolvedByTheParameterNames() {
        assertThat(OperationIds.of("GET", "/api/v1/admin/audit")).isEqualTo("getAdminAudit");
        assertThat(OperationIds.of("GET", "/api/v1/admin/audit/{id}")).isEqualTo("getAdminAuditItem");
        assertThat(OperationIds.disambiguated("GET", "/api/v1/brands/{code}/models/{model}"))
                .isEqualTo("getBrandModelByCodeAndModel");
        assertThat(OperationIds.disambiguated("GET", "/api/v1/products")).isEqualTo("getProducts");
    }

    @Test
    void pluralEndings() {
        assertThat(OperationIds.singular("Categories")).isEqualTo("Category");
        assertThat(OperationIds.singular("Addresses")).isEqualTo("Address");
        assertThat(OperationIds.singular("Boxes")).isEqualTo("Box");
        assertThat(OperationIds.singular("Users")).isEqualTo("User");
        assertThat(OperationIds.singular("Status")).isEqualTo("StatusItem");
        assertThat(OperationIds.singular("Media")).isEqualTo("MediaItem");
    }
}
