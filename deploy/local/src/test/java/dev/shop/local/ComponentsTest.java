package dev.shop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ComponentsTest {

    private final List<Component> table = Components.standard();

    @Test
    void componentsStartInfrastructureFirstThenServicesThenGateway() {
        assertThat(table).extracting(Component::name)
                .containsExactly("infra", "auth", "catalog", "cart", "order", "admin", "gateway");
        assertThat(table).extracting(Component::stage).isSortedAccordingTo(Enum::compareTo);
        assertThat(table.get(0).stage()).isEqualTo(Stage.INFRASTRUCTURE);
        assertThat(table.get(table.size() - 1).stage()).isEqualTo(Stage.GATEWAY);
    }

    @Test
    void portsAreTheDocumentedOnesAndNeverShared() {
        assertThat(table).extracting(Component::name, Component::ports)
                .containsExactly(
                        tuple("infra", List.of(27027, 19092, 19093, 19094)),
                        tuple("auth", List.of(8081, 9081)),
                        tuple("catalog", List.of(8082, 9082)),
                        tuple("cart", List.of(8083, 9083)),
                        tuple("order", List.of(8084, 9084)),
                        tuple("admin", List.of(8085, 9085)),
                        tuple("gateway", List.of(8080, 9080)));
        List<Integer> allPorts = table.stream().flatMap(c -> c.ports().stream()).collect(Collectors.toList());
        assertThat(allPorts).doesNotHaveDuplicates();
    }

    @Test
    void servicesRunTheirQuarkusFastJarWithABoundedHeapInTheLocalProfile() {
        Component catalog = table.get(2);

        assertThat(catalog.artifact()).isEqualTo("catalog-service/target/quarkus-app/quarkus-run.jar");
        List<String> compiler = Component.fullJit() ? List.of() : List.of("-XX:TieredStopAtLevel=1");
        List<String> expected = new java.util.ArrayList<>(List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:ReservedCodeCacheSize=64m", "-Xss512k"));
        expected.addAll(compiler);
        expected.addAll(List.of("-Dquarkus.profile=prod,local", "-jar",
                "catalog-service/target/quarkus-app/quarkus-run.jar"));
        assertThat(catalog.javaArguments()).containsExactlyElementsOf(expected);
        assertThat(catalog.environment()).containsEntry("QUARKUS_HTTP_PORT", "8082")
                .containsEntry("QUARKUS_MANAGEMENT_PORT", "9082");
        // ready: health on the service port, and the management interface listening
        assertThat(catalog.health().httpUrl()).hasValueSatisfying(
                url -> assertThat(url).hasToString("http://127.0.0.1:8082/q/health/ready"));
        assertThat(catalog.health().tcpPorts()).containsExactly(9082);
    }

    @Test
    void infrastructureRunsFromTheLauncherJar() {
        Component infra = table.get(0);

        assertThat(infra.artifact()).isEqualTo("deploy/local/target/shop-local.jar");
        assertThat(infra.javaArguments()).contains("-Xmx768m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .endsWith("-cp", "deploy/local/target/shop-local.jar", "dev.shop.local.InfraMain");
        assertThat(infra.health().tcpPorts()).containsExactly(27027, 19092, 19093);
        if (Component.infrastructureFullJit()) {
            assertThat(infra.javaArguments()).doesNotContain("-XX:TieredStopAtLevel=1");
        } else {
            assertThat(infra.javaArguments()).contains("-XX:TieredStopAtLevel=1");
        }
    }

    @Test
    void everyChildIsToldWhereTheInfrastructureAndTheDataAre() {
        StackHome home = new StackHome(Path.of("/repo"));

        assertThat(Components.sharedEnvironment(home))
                .containsEntry("QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://127.0.0.1:27027")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")
                .containsEntry("SHOP_DATA_DIR", "/repo/data");
    }

    @Test
    void theStandardTableTellsEveryServiceTheDefaultsItWouldUseAnyway() {
        Component order = table.get(4);
        Component gateway = table.get(6);

        assertThat(order.environment()).containsEntry("QUARKUS_REST_CLIENT_CATALOG_URL", "http://localhost:8082")
                .containsEntry("MP_JWT_VERIFY_ISSUER", "http://localhost:8081/api/v1/auth");
        assertThat(gateway.environment()).containsEntry("SHOP_GATEWAY_UPSTREAMS_ADMIN_URL", "http://localhost:8085")
                .containsEntry("SHOP_GATEWAY_UPSTREAMS_ADMIN_MANAGEMENT_URL", "http://localhost:9085")
                .containsEntry("QUARKUS_OIDC_AUTH_SERVER_URL", "http://localhost:8081/api/v1/auth")
                .containsEntry("SHOP_GATEWAY_CORS_ORIGINS",
                        "http://localhost:3000,http://localhost:5173,http://localhost:9080");
    }

    @Test
    void aStackOnOtherPortsIsWiredToItselfOnly() {
        StackPorts ports = StackPorts.free();
        List<Component> other = Components.table(ports, Path.of("/repo"));
        String auth = "http://localhost:" + ports.of("auth").port();

        List<Integer> allPorts = other.stream().flatMap(c -> c.ports().stream()).collect(Collectors.toList());
        assertThat(allPorts).hasSize(16).doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(List.of(8080, 8081, 8082, 8083, 8084, 8085, 9080, 27027, 19092));
        assertThat(other.get(0).javaArguments()).contains("-Dshop.infra.mongo-port=" + ports.infra().mongoPort(),
                "-Dshop.infra.kafka-port=" + ports.infra().kafkaPort(),
                "-Dshop.infra.kafka-controller-port=" + ports.infra().kafkaControllerPort(),
                "-Dshop.infra.health-port=" + ports.infra().healthPort())
                .endsWith("-cp", "/repo/deploy/local/target/shop-local.jar", "dev.shop.local.InfraMain");
        assertThat(other.get(1).environment()).containsEntry("SHOP_AUTH_ISSUER", auth + "/api/v1/auth");
        assertThat(other.get(3).environment()).containsEntry("QUARKUS_REST_CLIENT_CATALOG_URL",
                "http://localhost:" + ports.of("catalog").port());
        assertThat(other.get(4).environment())
                .containsEntry("QUARKUS_REST_CLIENT_CART_URL", "http://localhost:" + ports.of("cart").port())
                .containsEntry("QUARKUS_REST_CLIENT_AUTH_URL", auth)
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", auth + "/api/v1/auth/jwks");
        assertThat(other.get(5).environment()).containsEntry("SHOP_ADMIN_DOWNSTREAM_ORDERS_URL",
                "http://localhost:" + ports.of("order").port());
        assertThat(other.get(6).environment())
                .containsEntry("SHOP_GATEWAY_UPSTREAMS_CART_URL", "http://localhost:" + ports.of("cart").port())
                .containsEntry("SHOP_GATEWAY_UPSTREAMS_CART_MANAGEMENT_URL",
                        "http://localhost:" + ports.of("cart").managementPort())
                .containsEntry("SHOP_GATEWAY_DOCS_PUBLIC_URL", "http://localhost:" + ports.of("gateway").port())
                .containsEntry("QUARKUS_HTTP_PORT", String.valueOf(ports.of("gateway").port()));
        assertThat(other.get(2).artifact()).isEqualTo("/repo/catalog-service/target/quarkus-app/quarkus-run.jar");
        assertThat(Components.sharedEnvironment(new StackHome(Path.of("/repo"), Path.of("/tmp/run-1")), ports))
                .containsEntry("QUARKUS_MONGODB_CONNECTION_STRING",
                        "mongodb://127.0.0.1:" + ports.infra().mongoPort())
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + ports.infra().kafkaPort())
                .containsEntry("SHOP_DATA_DIR", "/tmp/run-1");
    }

    @Test
    void extraVariablesWinOverTheTablesOwn() {
        Component gateway = table.get(6).withEnvironment(java.util.Map.of("QUARKUS_HTTP_PORT", "1234", "X", "y"));

        assertThat(gateway.environment()).containsEntry("QUARKUS_HTTP_PORT", "1234").containsEntry("X", "y")
                .containsEntry("QUARKUS_MANAGEMENT_PORT", "9080");
    }
}
