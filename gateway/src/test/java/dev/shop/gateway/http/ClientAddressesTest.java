package dev.shop.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @Test
    void rangesAndSingleAddressesAreTrusted() {
        assertThat(addresses.isTrusted("10.1.2.3")).isTrue();
        assertThat(addresses.isTrusted("192.168.1.7")).isTrue();
        assertThat(addresses.isTrusted("fd00::1")).isTrue();
        assertThat(addresses.isTrusted("192.168.1.8")).isFalse();
        assertThat(addresses.isTrusted("11.0.0.1")).isFalse();
        assertThat(addresses.isTrusted("127.0.0.1")).isFalse();
        // Host names are never looked up.
        assertThat(addresses.isTrusted("localhost")).isFalse();
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
        ClientAddresses.Client client = addresses.resolve("203.0.113.9", false, List.of("6.6.6.6"), "https",
                "evil.example");
        assertThat(client.ip()).isEqualTo("203.0.113.9");
        assertThat(client.https()).isFalse();
        assertThat(client.forwardedHost()).isEmpty();
    }

    @Test
    void behindTrustedProxiesTheClientIsTheFirstUntrustedHopFromTheRight() {
        // A client spoofs 6.6.6.6; the load balancer 10.0.0.5 appends the real address; the peer is 192.168.1.7.
        ClientAddresses.Client client = addresses.resolve("192.168.1.7", false,
                List.of("6.6.6.6, 198.51.100.23", "10.0.0.5"), "https", "shop.example");
        assertThat(client.ip()).isEqualTo("198.51.100.23");
        assertThat(client.https()).isTrue();
        assertThat(client.forwardedHost()).contains("shop.example");
        // whatever the client wrote in front of the real address changes nothing
        assertThat(addresses.resolve("192.168.1.7", false, List.of("1.2.3.4, 5.6.7.8, 198.51.100.23", "10.0.0.5"),
                null, null).ip()).isEqualTo("198.51.100.23");

        ClientAddresses.Client direct = addresses.resolve("10.0.0.5", false, List.of(), null, null);
        assertThat(direct.ip()).isEqualTo("10.0.0.5");
        assertThat(direct.https()).isFalse();
    }

    @Test
    void securityHeadersFollowTheResolvedScheme() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Server", "x").add("X-Powered-By", "y").add("Strict-Transport-Security", "max-age=1");
        EdgeHeadersFilter.secure(headers, "/api/v1/auth/login", true);
        assertThat(headers.get("Strict-Transport-Security")).isEqualTo(EdgeHeadersFilter.HSTS);
        assertThat(headers.get("Cache-Control")).isEqualTo("no-store");
        assertThat(headers.contains("Server")).isFalse();
        assertThat(headers.contains("X-Powered-By")).isFalse();

        EdgeHeadersFilter.secure(headers, "/api/v1/products", false);
        assertThat(headers.contains("Strict-Transport-Security")).isFalse();
    }

    @Test
    void nothingIsTrustedByDefault() {
        ClientAddresses none = new ClientAddresses(List.of());
        assertThat(none.isTrusted("10.1.2.3")).isFalse();
        assertThat(none.isTrusted("127.0.0.1")).isFalse();
    }

    @Test
    void aTrustedProxyListIsCheckedAtStartup() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
