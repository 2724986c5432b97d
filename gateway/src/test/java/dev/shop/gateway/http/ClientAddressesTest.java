package dev.shop.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

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
