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
        assertThat(catalog.javaArguments()).containsExactly("-Xms64m", "-Xmx256m", "-Dquarkus.profile=prod,local",
                "-jar", "catalog-service/target/quarkus-app/quarkus-run.jar");
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
    }

    @Test
    void everyChildIsToldWhereTheInfrastructureAndTheDataAre() {
        StackHome home = new StackHome(Path.of("/repo"));

        assertThat(Components.sharedEnvironment(home))
                .containsEntry("QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://127.0.0.1:27027")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")
                .containsEntry("SHOP_DATA_DIR", "/repo/data");
    }
}
