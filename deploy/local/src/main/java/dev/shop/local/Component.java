package dev.shop.local;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One process of the local stack.
 *
 * @param name short name used on the command line, in log and pid file names and in the {@code -Dshop.component}
 *        marker
 * @param stage when it starts and stops relative to the others
 * @param artifact the file the process runs, relative to the repository root (or absolute); missing means "build first"
 * @param javaArguments what follows {@code java} and the launcher's markers: heap, system properties, {@code -jar ...}
 * @param environment variables added on top of the stack-wide ones
 * @param ports every port the process listens on; all must be free before the stack starts
 * @param health how to tell that it is ready
 */
public record Component(String name, Stage stage, String artifact, List<String> javaArguments,
        Map<String, String> environment, List<Integer> ports, HealthCheck health) {

    public Component {
        javaArguments = List.copyOf(javaArguments);
        environment = Map.copyOf(environment);
        ports = List.copyOf(ports);
    }

    /**
     * A Quarkus service run from its fast-jar, in the {@code prod,local} profiles, with its management interface (API
     * document, Swagger UI, metrics) on {@code managementPort}; ready when {@code /q/health/ready} on its service port
     * answers 200 and the management port accepts connections.
     */
    public static Component quarkusService(String name, String module, int port, int managementPort, Stage stage) {
        String jar = module + "/target/quarkus-app/quarkus-run.jar";
        return new Component(name, stage, jar,
                List.of("-Xms64m", "-Xmx256m", "-Dquarkus.profile=prod,local", "-jar", jar),
                Map.of("QUARKUS_HTTP_PORT", String.valueOf(port), "QUARKUS_MANAGEMENT_PORT",
                        String.valueOf(managementPort)),
                List.of(port, managementPort),
                HealthCheck.tcpAndHttp(List.of(managementPort),
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")));
    }

    /** The embedded MongoDB-wire server and Kafka broker, in one JVM run from the launcher's own jar. */
    public static Component infrastructure(String name, String launcherJar, InfraSettings settings) {
        List<Integer> ports = List.of(settings.mongoPort(), settings.kafkaPort(), settings.kafkaControllerPort(),
                settings.healthPort());
        return new Component(name, Stage.INFRASTRUCTURE, launcherJar,
                List.of("-Xmx768m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", launcherJar,
                        InfraMain.class.getName()),
                Map.of(),
                ports,
                HealthCheck.tcpAndHttp(ports.subList(0, 3), settings.healthUrl()));
    }

    /** Every port, comma-separated, for the status table. */
    public String portsLabel() {
        return ports.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("-");
    }
}
