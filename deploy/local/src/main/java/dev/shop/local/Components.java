package dev.shop.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The component table of the local stack: the one place that names every process, its ports, its start order and
 * where it finds the others. Adding a service is one line here.
 */
public final class Components {

    /** The launcher's own shaded jar, which also carries {@link InfraMain}. */
    public static final String LAUNCHER_JAR = "deploy/local/target/shop-local.jar";

    private static final List<Component> STANDARD = table(StackPorts.standard(), Path.of(""));

    /** What {@code ./shop start} prints once everything is healthy (see the root README). */
    public static final String READY_BANNER = String.join(System.lineSeparator(),
            "",
            "The shop stack is up.",
            "  Gateway:     http://localhost:8080",
            "  Swagger UI:  http://localhost:9080/q/swagger-ui   (management port: also /q/metrics)",
            "  Demo accounts (local mode):",
            "    admin     +919000000001 / Admin#2026demo",
            "    customer  +919000000002 / Customer#2026demo",
            "  OTP codes:   ./shop otp <phone>     Logs: ./shop logs <component>     Status: ./shop status",
            "");

    private Components() {
    }

    /** Variables every process of the standard stack gets: where the infrastructure is and where local data lives. */
    public static Map<String, String> sharedEnvironment(StackHome home) {
        return sharedEnvironment(home, StackPorts.standard());
    }

    /** Variables every process of a stack on these ports gets. */
    public static Map<String, String> sharedEnvironment(StackHome home, StackPorts ports) {
        return Map.of(
                "QUARKUS_MONGODB_CONNECTION_STRING", ports.infra().mongoConnectionString(),
                "KAFKA_BOOTSTRAP_SERVERS", ports.infra().kafkaBootstrapServers(),
                "SHOP_DATA_DIR", home.dataDir().toString());
    }

    /** Every component of {@code ./shop start}, in start order. */
    public static List<Component> standard() {
        return STANDARD;
    }

    /**
     * Every component of a stack on the given ports, in start order, each told where the others are (the standard
     * ports give the services' own defaults).
     *
     * @param repository where the built artifacts are; relative paths are resolved against the stack's root
     */
    public static List<Component> table(StackPorts ports, Path repository) {
        String issuer = ports.issuer();
        Map<String, String> verifier = Map.of(
                "MP_JWT_VERIFY_ISSUER", issuer,
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", issuer + "/jwks");

        Map<String, String> auth = new HashMap<>(verifier);
        auth.put("SHOP_AUTH_ISSUER", issuer);

        Map<String, String> cart = new HashMap<>(verifier);
        cart.put("QUARKUS_REST_CLIENT_CATALOG_URL", ports.url("catalog"));

        Map<String, String> order = new HashMap<>(verifier);
        order.put("QUARKUS_REST_CLIENT_CART_URL", ports.url("cart"));
        order.put("QUARKUS_REST_CLIENT_CATALOG_URL", ports.url("catalog"));
        order.put("QUARKUS_REST_CLIENT_AUTH_URL", ports.url("auth"));

        Map<String, String> admin = new HashMap<>(verifier);
        admin.put("SHOP_ADMIN_DOWNSTREAM_AUTH_URL", ports.url("auth"));
        admin.put("SHOP_ADMIN_DOWNSTREAM_CATALOG_URL", ports.url("catalog"));
        admin.put("SHOP_ADMIN_DOWNSTREAM_ORDERS_URL", ports.url("order"));

        Map<String, String> gateway = new HashMap<>();
        for (String upstream : List.of("auth", "catalog", "cart", "order", "admin")) {
            String key = "SHOP_GATEWAY_UPSTREAMS_" + upstream.toUpperCase(java.util.Locale.ROOT);
            gateway.put(key + "_URL", ports.url(upstream));
            gateway.put(key + "_MANAGEMENT_URL", ports.managementUrl(upstream));
        }
        gateway.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer);
        gateway.put("SHOP_GATEWAY_DOCS_PUBLIC_URL", ports.url("gateway"));
        // Swagger UI on the management port calls the public port: it is an allowed origin
        gateway.put("SHOP_GATEWAY_CORS_ORIGINS",
                "http://localhost:3000,http://localhost:5173," + ports.managementUrl("gateway"));

        return List.of(
                Component.infrastructure("infra", repository.resolve(LAUNCHER_JAR).toString(), ports.infra()),
                service("auth", "auth-service", repository, ports, Stage.SERVICES, auth),
                service("catalog", "catalog-service", repository, ports, Stage.SERVICES, verifier),
                service("cart", "cart-service", repository, ports, Stage.SERVICES, cart),
                service("order", "order-service", repository, ports, Stage.SERVICES, order),
                service("admin", "admin-service", repository, ports, Stage.SERVICES, admin),
                service("gateway", "gateway", repository, ports, Stage.GATEWAY, gateway));
    }

    private static Component service(String name, String module, Path repository, StackPorts ports, Stage stage,
            Map<String, String> environment) {
        String jar = repository.resolve(module + "/target/quarkus-app/quarkus-run.jar").toString();
        return Component.quarkusService(name, jar, ports.of(name), stage, environment);
    }
}
