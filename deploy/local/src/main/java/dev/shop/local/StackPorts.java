package dev.shop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Every port of one local stack: the infrastructure's and, per service and the gateway, its public and management
 * port. {@link #standard()} is {@code ./shop start}'s; {@link #free()} lets a second stack (the system tests) run next
 * to it.
 *
 * @param infra the embedded infrastructure
 * @param services by component name ({@code gateway}, {@code auth}, ...)
 */
public record StackPorts(InfraSettings infra, Map<String, ServicePorts> services) {

    /** The public and the management port of one process. */
    public record ServicePorts(int port, int managementPort) {
    }

    /** The components with ports of their own, in the order of the standard port offsets (8080, 8081, ...). */
    static final List<String> NAMES = List.of("gateway", "auth", "catalog", "cart", "order", "admin");

    public StackPorts {
        services = Map.copyOf(services);
    }

    /** 8080–8085 and 9080–9085, and the infrastructure's standard ports. */
    public static StackPorts standard() {
        Map<String, ServicePorts> services = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            services.put(NAMES.get(i), new ServicePorts(8080 + i, 9080 + i));
        }
        return new StackPorts(InfraSettings.standard(), services);
    }

    /** Ports that are free on loopback right now, all different from each other. */
    public static StackPorts free() {
        List<ServerSocket> held = new ArrayList<>();
        try {
            InfraSettings standard = InfraSettings.standard();
            InfraSettings infra = new InfraSettings(standard.host(), hold(held), hold(held), hold(held), hold(held),
                    standard.partitions());
            Map<String, ServicePorts> services = new LinkedHashMap<>();
            for (String name : NAMES) {
                services.put(name, new ServicePorts(hold(held), hold(held)));
            }
            return new StackPorts(infra, services);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // only held to keep the ports distinct
                }
            }
        }
    }

    /** Binds a free port and keeps it bound, so that the next call cannot get the same one. */
    private static int hold(List<ServerSocket> held) {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            held.add(socket);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServicePorts of(String component) {
        ServicePorts ports = services.get(component);
        if (ports == null) {
            throw new NoSuchElementException("no ports for component '" + component + "'");
        }
        return ports;
    }

    /** {@code http://localhost:<port>} of a component's public port. */
    public String url(String component) {
        return "http://localhost:" + of(component).port();
    }

    /** {@code http://localhost:<management port>} of a component. */
    public String managementUrl(String component) {
        return "http://localhost:" + of(component).managementPort();
    }

    /** The issuer auth-service signs tokens with, and every verifier expects. */
    public String issuer() {
        return url("auth") + "/api/v1/auth";
    }
}
