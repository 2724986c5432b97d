package dev.shop.local;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * How the launcher decides that a component is ready: every listed TCP port on loopback accepts a connection and, if an
 * HTTP URL is given, a GET on it answers 200.
 */
public record HealthCheck(List<Integer> tcpPorts, Optional<URI> httpUrl) {

    private static final int CONNECT_TIMEOUT_MS = 1_000;
    private static final int READ_TIMEOUT_MS = 3_000;

    public HealthCheck {
        tcpPorts = List.copyOf(tcpPorts);
    }

    /** Ready when a GET on {@code http://127.0.0.1:<port><path>} answers 200. */
    public static HealthCheck http(int port, String path) {
        return new HealthCheck(List.of(), Optional.of(URI.create("http://127.0.0.1:" + port + path)));
    }

    /** Ready when every port accepts TCP connections and, if given, the URL answers 200. */
    public static HealthCheck tcpAndHttp(List<Integer> ports, URI url) {
        return new HealthCheck(ports, Optional.of(url));
    }

    public boolean isUp() {
        return tcpPorts.stream().allMatch(HealthCheck::accepts) && httpUrl.map(HealthCheck::answersOk).orElse(true);
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answersOk(URI url) {
        // HttpURLConnection rather than java.net.http: no client thread pool to keep alive between probes.
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) url.toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setUseCaches(false);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
