package dev.shop.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts later, in this JVM or in a child process.
 *
 * <p>
 * A port the kernel hands out for {@code bind(0)} comes from the ephemeral range, the same range outgoing connections
 * take their local port from; between the moment such a port is chosen and the moment the server binds it, a client
 * connection (a driver's pool, a Kafka client, another build on the machine) can take it, and the server then fails to
 * start. These ports come from below the ephemeral range instead, are never handed out twice by one JVM, and are
 * checked free on every interface before they are returned.
 */
public final class FreePorts {

    /** Below this, ports are often taken by well-known local services. */
    private static final int LOWEST = 15_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static int next = -1;

    private FreePorts() {
    }

    /** A port free on every interface now, outside the ephemeral range, not returned before by this JVM. */
    public static synchronized int next() {
        int highest = ephemeralStart() - 1;
        int span = highest - LOWEST + 1;
        if (next < 0) {
            next = LOWEST + ThreadLocalRandom.current().nextInt(span);
        }
        for (int tried = 0; tried < span; tried++) {
            int port = next;
            next = port == highest ? LOWEST : port + 1;
            if (!HANDED_OUT.contains(port) && isFree(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("No free port between " + LOWEST + " and " + highest);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range ({@code ip_local_port_range}), or Linux's default. */
    static int ephemeralStart() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            if (Files.isReadable(range)) {
                int start = Integer.parseInt(Files.readString(range, StandardCharsets.US_ASCII).trim().split("\\s+")[0]);
                if (start > LOWEST + 1_000) {
                    return start;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // fall back to the default range
        }
        return DEFAULT_EPHEMERAL_START;
    }
}
