package dev.shop.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;

/** A port that a component needs but something else already holds. */
public record PortConflict(int port, String component) {

    public String message() {
        return "port " + port + " (" + component + ") is already in use";
    }

    /** The first port of the given components, in table order, that cannot be bound right now. */
    public static Optional<PortConflict> findFirst(List<Component> components) {
        for (Component component : components) {
            for (int port : component.ports()) {
                if (!isFree(port)) {
                    return Optional.of(new PortConflict(port, component.name()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Binds the port on every interface and on loopback: services listen on the wildcard address and infrastructure on
     * loopback, and a listener on either blocks one of the two binds.
     */
    static boolean isFree(int port) {
        return canBind(new InetSocketAddress(port)) && canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                port));
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            // Sockets in TIME_WAIT from a previous run must not count as taken; the real servers reuse them too.
            socket.setReuseAddress(true);
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
