package dev.shop.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = RouteTable.of(Map.of(
            "auth", List.of("/api/v1/auth", "/api/v1/me"),
            "catalog", List.of("/api/v1/products", "/api/v1/media"),
            "order", List.of("/api/v1/analytics")));

    @Test
    void aPrefixOwnsItselfAndEverythingBelowIt() {
        assertThat(table.serviceFor("/api/v1/me")).contains("auth");
        assertThat(table.serviceFor("/api/v1/me/")).contains("auth");
        assertThat(table.serviceFor("/api/v1/me/addresses/a-1")).contains("auth");
        assertThat(table.serviceFor("/api/v1/media/img-1")).contains("catalog");
    }

    @Test
    void aPrefixDoesNotOwnPathsThatMerelyStartWithTheSameCharacters() {
        assertThat(table.serviceFor("/api/v1/media")).contains("catalog");
        assertThat(table.serviceFor("/api/v1/meadow")).isEmpty();
        assertThat(table.serviceFor("/api/v1/mediax/1")).isEmpty();
        assertThat(table.serviceFor("/api/v1/authx")).isEmpty();
    }

    @Test
    void unlistedPathsHaveNoOwner() {
        assertThat(table.serviceFor("/api/v1/nope")).isEmpty();
        assertThat(table.serviceFor("/api/v1")).isEmpty();
        assertThat(table.serviceFor("/api/")).isEmpty();
        assertThat(table.serviceFor("/q/health")).isEmpty();
        assertThat(table.serviceFor("/API/v1/me")).isEmpty();
        assertThat(table.serviceFor(null)).isEmpty();
    }

    @Test
    void theLongestPrefixWins() {
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        prefixes.put("catalog", List.of("/api/v1/products"));
        prefixes.put("order", List.of("/api/v1/products/most-bought"));
        RouteTable withAlias = RouteTable.of(prefixes);

        assertThat(withAlias.serviceFor("/api/v1/products/most-bought")).contains("order");
        assertThat(withAlias.serviceFor("/api/v1/products/most-bought-x")).contains("catalog");
        assertThat(withAlias.serviceFor("/api/v1/products/p-1")).contains("catalog");
    }

    @Test
    void prefixesTheGatewayCouldNeverRouteAreRejectedAtStartup() {
        for (String bad : List.of("/q/health", "api/v1/x", "/api/v1/x/", "/api/", "/api//x", "/api/v1/../x",
                "/api/v1/./x", "/api/v1/x?y", "")) {
            assertThatThrownBy(() -> RouteTable.of(Map.of("svc", List.of(bad))))
                    .as("prefix '%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("svc");
        }
    }

    @Test
    void aPrefixClaimedByTwoServicesIsRejected() {
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        prefixes.put("catalog", List.of("/api/v1/products"));
        prefixes.put("order", List.of("/api/v1/products"));

        assertThatThrownBy(() -> RouteTable.of(prefixes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/api/v1/products")
                .hasMessageContaining("catalog")
                .hasMessageContaining("order");
    }
}
