package dev.shop.gateway.http;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.shop.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Who the client is. The TCP peer, unless the peer is one of the configured trusted proxies: then
 * {@code X-Forwarded-For} is read from the right, skipping trusted hops, and {@code X-Forwarded-Proto} /
 * {@code X-Forwarded-Host} are believed. Headers from anyone else are ignored, so a client cannot choose its own
 * rate-limit key or claim to have come over TLS.
 */
@ApplicationScoped
public class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<Range> trusted;

    @Inject
    public ClientAddresses(GatewayConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    ClientAddresses(List<String> trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                ranges.add(Range.parse(entry.strip()));
            }
        }
        this.trusted = List.copyOf(ranges);
    }

    /**
     * The resolved client.
     *
     * @param ip the client address used for rate limits and sent upstream as the only {@code X-Forwarded-For} entry
     * @param https whether the client reached the edge over TLS
     * @param forwardedHost the host the client called, when a trusted proxy says so
     */
    public record Client(String ip, boolean https, Optional<String> forwardedHost) {
    }

    public Client resolve(HttpServerRequest request) {
        return resolve(peerOf(request), request.isSSL(), request.headers().getAll("X-Forwarded-For"),
                request.getHeader("X-Forwarded-Proto"), request.getHeader("X-Forwarded-Host"));
    }

    /** The decision itself, from the TCP peer and the forwarding headers as received. */
    Client resolve(String peer, boolean tls, List<String> forwardedFor, String forwardedProto, String forwardedHost) {
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return new Client(peer, tls, Optional.empty());
        }
        List<String> chain = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                String h = hop.strip();
                if (!h.isEmpty()) {
                    chain.add(h);
                }
            }
        }
        chain.add(peer);
        String client = chain.get(0);
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (!isTrusted(chain.get(i))) {
                client = chain.get(i);
                break;
            }
        }
        boolean https = tls || "https".equalsIgnoreCase(firstValue(forwardedProto));
        return new Client(client, https, Optional.ofNullable(firstValue(forwardedHost)));
    }

    /** The client of a request from an untrusted peer: the peer itself. */
    static Client untrusted(HttpServerRequest request) {
        String peer = peerOf(request);
        return new Client(peer, request.isSSL(), Optional.empty());
    }

    boolean isTrusted(String address) {
        if (address == null || !looksLikeIp(address)) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        for (Range range : trusted) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static String peerOf(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null || remote.host() == null ? "unknown" : remote.host();
    }

    private static String firstValue(String header) {
        if (header == null) {
            return null;
        }
        String first = header.split(",")[0].strip();
        return first.isEmpty() ? null : first;
    }

    /** Literal IPs only: a host name here would mean a DNS lookup per request. */
    private static boolean looksLikeIp(String text) {
        return IPV4.matcher(text).matches() || (text.contains(":") && text.matches("[0-9A-Fa-f:.%]+"));
    }

    /** An address range, {@code 10.0.0.0/8} or a single address. */
    record Range(byte[] network, int prefixLength) {

        static Range parse(String text) {
            String[] parts = text.split("/", 2);
            if (!looksLikeIp(parts[0])) {
                throw new IllegalArgumentException("Trusted proxy '" + text + "' must be an IP address or CIDR range");
            }
            byte[] address;
            try {
                address = InetAddress.getByName(parts[0]).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("Trusted proxy '" + text + "' is not an IP address", e);
            }
            int bits = address.length * 8;
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : bits;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("Trusted proxy '" + text + "' has an invalid prefix length");
            }
            return new Range(address, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = address.length * 8;
            BigInteger mask = prefixLength == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                            .xor(BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s/%d", new BigInteger(1, network).toString(16), prefixLength);
        }
    }
}
