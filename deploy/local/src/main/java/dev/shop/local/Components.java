package dev.shop.local;

import java.util.List;
import java.util.Map;

/**
 * The component table of the local stack: the one place that names every process, its port and its start order.
 * Adding a service is one line here.
 */
public final class Components {

    /** The launcher's own shaded jar, which also carries {@link InfraMain}. */
    public static final String LAUNCHER_JAR = "deploy/local/target/shop-local.jar";

    private static final List<Component> STANDARD = List.of(
            Component.infrastructure("infra", LAUNCHER_JAR, InfraSettings.standard()),
            Component.quarkusService("auth", "auth-service", 8081, 9081, Stage.SERVICES),
            Component.quarkusService("catalog", "catalog-service", 8082, 9082, Stage.SERVICES),
            Component.quarkusService("cart", "cart-service", 8083, 9083, Stage.SERVICES),
            Component.quarkusService("order", "order-service", 8084, 9084, Stage.SERVICES),
            Component.quarkusService("admin", "admin-service", 8085, 9085, Stage.SERVICES),
            Component.quarkusService("gateway", "gateway", 8080, 9080, Stage.GATEWAY));

    /** What {@code ./shop start} prints once everything is healthy (DESIGN §8). */
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

    /** Variables every process of the stack gets: where the infrastructure is and where local data lives. */
    public static Map<String, String> sharedEnvironment(StackHome home) {
        InfraSettings infra = InfraSettings.standard();
        return Map.of(
                "QUARKUS_MONGODB_CONNECTION_STRING", infra.mongoConnectionString(),
                "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers(),
                "SHOP_DATA_DIR", home.dataDir().toString());
    }

    /** Every component, in start order. */
    public static List<Component> standard() {
        return STANDARD;
    }
}
