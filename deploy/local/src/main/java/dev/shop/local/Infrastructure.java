package dev.shop.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

import dev.shop.contracts.events.Topics;
import dev.shop.testkit.EmbeddedKafka;
import dev.shop.testkit.EmbeddedMongo;

/**
 * The running embedded infrastructure of the local stack: a file-backed MongoDB-wire server, a real Kafka broker with
 * the platform's topics, and a health endpoint that only answers once both are ready.
 */
public final class Infrastructure implements AutoCloseable {

    private final EmbeddedMongo mongo;
    private final EmbeddedKafka kafka;
    private final HttpServer health;

    private Infrastructure(EmbeddedMongo mongo, EmbeddedKafka kafka, HttpServer health) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.health = health;
    }

    /** Starts everything, keeping its data under {@code dataDir}; on failure whatever did start is closed again. */
    public static Infrastructure start(Path dataDir, InfraSettings settings) {
        EmbeddedMongo mongo = null;
        EmbeddedKafka kafka = null;
        try {
            mongo = EmbeddedMongo.persistent(dataDir.resolve("mongo").resolve("shop.mv"), settings.host(),
                    settings.mongoPort());
            kafka = EmbeddedKafka.persistent(dataDir.resolve("kafka"), settings.host(), settings.kafkaPort(),
                    settings.kafkaControllerPort(), settings.partitions());
            kafka.createTopics(Topics.all());
            // Last, so that "health answers" means "topics exist", not merely "ports are open".
            HttpServer health = startHealthEndpoint(settings);
            return new Infrastructure(mongo, kafka, health);
        } catch (RuntimeException e) {
            closeQuietly(kafka);
            closeQuietly(mongo);
            throw e;
        }
    }

    private static HttpServer startHealthEndpoint(InfraSettings settings) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.healthPort()), 8);
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            server.createContext("/health", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("health endpoint on port " + settings.healthPort() + ": " + e.getMessage(),
                    e);
        }
    }

    public String mongoConnectionString() {
        return mongo.connectionString();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Stops in the order that protects data: health first (so nobody thinks we are up), then MongoDB, whose file store
     * needs a clean close to keep the last second of writes and closes quickly, then Kafka, whose shutdown can take a
     * few seconds and whose log is flushed per message anyway.
     */
    @Override
    public void close() {
        health.stop(0);
        closeQuietly(mongo);
        closeQuietly(kafka);
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("shop infra: error while closing " + resource.getClass().getSimpleName() + ": " + e);
        }
    }
}
