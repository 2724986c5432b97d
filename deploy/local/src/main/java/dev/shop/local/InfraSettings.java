package dev.shop.local;

import java.net.URI;
import java.util.List;

/**
 * Where the embedded infrastructure listens. The Kafka ports must stay the same across restarts of one data folder
 * (the controller address is part of the stored cluster metadata).
 *
 * @param host the address every listener binds to
 * @param mongoPort MongoDB wire protocol
 * @param kafkaPort Kafka clients (bootstrap servers)
 * @param kafkaControllerPort the KRaft controller listener
 * @param healthPort a tiny HTTP endpoint that answers 200 on {@code /health} once everything is ready, and takes the
 *        broker's control commands ({@code /kafka})
 * @param partitions default partition count of the topics
 */
public record InfraSettings(String host, int mongoPort, int kafkaPort, int kafkaControllerPort, int healthPort,
        int partitions) {

    private static final String PREFIX = "shop.infra.";

    /** The ports of the local stack (see the root README). */
    public static InfraSettings standard() {
        return new InfraSettings("127.0.0.1", 27027, 19092, 19093, 19094, 3);
    }

    /** The standard settings with the ports the infrastructure process was given as system properties, if any. */
    public static InfraSettings fromSystemProperties() {
        InfraSettings standard = standard();
        return new InfraSettings(standard.host(), port("mongo-port", standard.mongoPort()),
                port("kafka-port", standard.kafkaPort()), port("kafka-controller-port", standard.kafkaControllerPort()),
                port("health-port", standard.healthPort()), standard.partitions());
    }

    /** The system properties that hand these ports to the infrastructure process ({@link #fromSystemProperties()}). */
    public List<String> asSystemProperties() {
        return List.of("-D" + PREFIX + "mongo-port=" + mongoPort, "-D" + PREFIX + "kafka-port=" + kafkaPort,
                "-D" + PREFIX + "kafka-controller-port=" + kafkaControllerPort,
                "-D" + PREFIX + "health-port=" + healthPort);
    }

    private static int port(String name, int standard) {
        String value = System.getProperty(PREFIX + name);
        return value == null || value.isBlank() ? standard : Integer.parseInt(value.strip());
    }

    public String mongoConnectionString() {
        return "mongodb://" + host + ":" + mongoPort;
    }

    public String kafkaBootstrapServers() {
        return host + ":" + kafkaPort;
    }

    public URI healthUrl() {
        return URI.create("http://" + host + ":" + healthPort + "/health");
    }

    /** The broker's control resource: {@code GET} its state, {@code POST /kafka/stop} and {@code /kafka/start}. */
    public URI kafkaControlUrl() {
        return URI.create("http://" + host + ":" + healthPort + "/kafka");
    }
}
