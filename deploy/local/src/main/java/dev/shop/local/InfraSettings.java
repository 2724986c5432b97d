package dev.shop.local;

import java.net.URI;

/**
 * Where the embedded infrastructure listens. The Kafka ports must stay the same across restarts of one data folder
 * (the controller address is part of the stored cluster metadata).
 *
 * @param host the address every listener binds to
 * @param mongoPort MongoDB wire protocol
 * @param kafkaPort Kafka clients (bootstrap servers)
 * @param kafkaControllerPort the KRaft controller listener
 * @param healthPort a tiny HTTP endpoint that answers 200 on {@code /health} once everything is ready
 * @param partitions default partition count of the topics
 */
public record InfraSettings(String host, int mongoPort, int kafkaPort, int kafkaControllerPort, int healthPort,
        int partitions) {

    /** The ports of the local stack (DESIGN §8). */
    public static InfraSettings standard() {
        return new InfraSettings("127.0.0.1", 27027, 19092, 19093, 19094, 3);
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
}
