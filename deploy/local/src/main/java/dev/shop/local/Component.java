package dev.shop.local;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
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
     * document, Swagger UI, metrics) on its management port; ready when {@code /q/health/ready} on its service port
     * answers 200 and the management port accepts connections.
     *
     * @param environment where the other components are (URLs, issuer), on top of the ports
     */
    public static Component quarkusService(String name, String jar, StackPorts.ServicePorts ports, Stage stage,
            Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("QUARKUS_HTTP_PORT", String.valueOf(ports.port()));
        variables.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(ports.managementPort()));
        List<String> arguments = new ArrayList<>(List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:ReservedCodeCacheSize=64m", "-Xss512k"));
        if (!fullJit()) {
            arguments.add("-XX:TieredStopAtLevel=1");
        }
        arguments.addAll(List.of("-Dquarkus.profile=prod,local", "-jar", jar));
        return new Component(name, stage, jar, arguments,
                variables,
                List.of(ports.port(), ports.managementPort()),
                HealthCheck.tcpAndHttp(List.of(ports.managementPort()),
                        URI.create("http://127.0.0.1:" + ports.port() + "/q/health/ready")));
    }

    /**
     * Whether the services compile hot code with the optimising compiler too ({@code SHOP_JIT=full}, or
     * {@code -Dshop.jit=full}; the benchmark sets it). By default they stop at the quick compiler: on a 2-core machine
     * that cuts the stack's start by about 40% and its memory by about 170 MB, for a lower peak throughput that only a
     * load test notices.
     */
    static boolean fullJit() {
        return "full".equalsIgnoreCase(System.getProperty("shop.jit", System.getenv().getOrDefault("SHOP_JIT", "")));
    }

    /**
     * Whether the infrastructure process compiles hot code with the optimising compiler: with {@link #fullJit()}, or
     * on its own with {@code SHOP_INFRA_JIT=full} ({@code -Dshop.infra.jit=full}; the system tests set it, so their
     * drills put the same load on the same database as before the default changed).
     */
    static boolean infrastructureFullJit() {
        return fullJit() || "full".equalsIgnoreCase(
                System.getProperty("shop.infra.jit", System.getenv().getOrDefault("SHOP_INFRA_JIT", "")));
    }

    /** The same component with more environment variables (they win over its own). */
    public Component withEnvironment(Map<String, String> more) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.putAll(more);
        return new Component(name, stage, artifact, javaArguments, variables, ports, health);
    }

    /** The embedded MongoDB-wire server and Kafka broker, in one JVM run from the launcher's own jar. */
    public static Component infrastructure(String name, String launcherJar, InfraSettings settings) {
        List<Integer> ports = List.of(settings.mongoPort(), settings.kafkaPort(), settings.kafkaControllerPort(),
                settings.healthPort());
        List<String> arguments = new ArrayList<>(List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        if (!infrastructureFullJit()) {
            // as for the services: most of its start is the optimising compiler's work (about a third of its CPU
            // until ready, and more while the services boot against it)
            arguments.add("-XX:TieredStopAtLevel=1");
        }
        arguments.addAll(settings.asSystemProperties());
        arguments.addAll(List.of("-cp", launcherJar, InfraMain.class.getName()));
        return new Component(name, Stage.INFRASTRUCTURE, launcherJar, arguments,
                Map.of(),
                ports,
                HealthCheck.tcpAndHttp(ports.subList(0, 3), settings.healthUrl()));
    }

    /** Every port, comma-separated, for the status table. */
    public String portsLabel() {
        return ports.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("-");
    }
}
