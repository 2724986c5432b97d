package dev.shop.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.shop.contracts.events.Topics;
import dev.shop.testkit.EmbeddedKafka;
import dev.shop.testkit.EmbeddedMongo;

/**
 * The running embedded infrastructure of the local stack: a file-backed MongoDB-wire server, a real Kafka broker with
 * the platform's topics, and a small HTTP endpoint on the health port: {@code /health} answers 200 only while both are
 * up, and {@code /kafka} stops and starts the broker on its own (same ports, same data) for outage drills.
 */
public final class Infrastructure implements AutoCloseable {

    private final Path dataDir;
    private final InfraSettings settings;
    private final EmbeddedMongo mongo;
    /** Null while the broker is stopped; read without the lock so health answers during a stop or start. */
    private volatile EmbeddedKafka kafka;
    private final Object brokerLock = new Object();
    private HttpServer endpoint;
    private ExecutorService endpointThreads;

    private Infrastructure(Path dataDir, InfraSettings settings, EmbeddedMongo mongo, EmbeddedKafka kafka) {
        this.dataDir = dataDir;
        this.settings = settings;
        this.mongo = mongo;
        this.kafka = kafka;
    }

    /** Starts everything, keeping its data under {@code dataDir}; on failure whatever did start is closed again. */
    public static Infrastructure start(Path dataDir, InfraSettings settings) {
        EmbeddedMongo mongo = null;
        EmbeddedKafka kafka = null;
        try {
            mongo = EmbeddedMongo.persistent(dataDir.resolve("mongo").resolve("shop.mv"), settings.host(),
                    settings.mongoPort());
            kafka = startKafka(dataDir, settings);
            kafka.createTopics(Topics.all());
            Infrastructure infrastructure = new Infrastructure(dataDir, settings, mongo, kafka);
            // Last, so that "health answers" means "topics exist", not merely "ports are open".
            infrastructure.startEndpoint();
            return infrastructure;
        } catch (RuntimeException e) {
            closeQuietly(kafka);
            closeQuietly(mongo);
            throw e;
        }
    }

    private static EmbeddedKafka startKafka(Path dataDir, InfraSettings settings) {
        return EmbeddedKafka.persistent(dataDir.resolve("kafka"), settings.host(), settings.kafkaPort(),
                settings.kafkaControllerPort(), settings.partitions());
    }

    private void startEndpoint() {
        try {
            endpoint = HttpServer.create(new InetSocketAddress(settings.host(), settings.healthPort()), 8);
        } catch (IOException e) {
            throw new UncheckedIOException("health endpoint on port " + settings.healthPort() + ": " + e.getMessage(),
                    e);
        }
        endpoint.createContext("/health", exchange -> {
            boolean up = isKafkaRunning();
            answer(exchange, up ? 200 : 503, up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\",\"kafka\":\"stopped\"}");
        });
        endpoint.createContext("/kafka", this::control);
        // A stop or start of the broker takes seconds; health probes meanwhile get their own threads.
        endpointThreads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "shop-infra-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        endpoint.setExecutor(endpointThreads);
        endpoint.start();
    }

    private void control(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try {
            if (path.equals("/kafka") && method.equals("GET")) {
                answer(exchange, 200, kafkaState());
            } else if (path.equals("/kafka/stop") && method.equals("POST")) {
                stopKafka();
                answer(exchange, 200, kafkaState());
            } else if (path.equals("/kafka/start") && method.equals("POST")) {
                startKafka();
                answer(exchange, 200, kafkaState());
            } else {
                answer(exchange, 404, "{\"error\":\"GET /kafka, POST /kafka/stop or POST /kafka/start\"}");
            }
        } catch (RuntimeException e) {
            System.err.println("shop infra: " + method + " " + path + " failed: " + e);
            answer(exchange, 500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private String kafkaState() {
        return "{\"kafka\":\"" + (isKafkaRunning() ? "running" : "stopped") + "\"}";
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public String mongoConnectionString() {
        return mongo.connectionString();
    }

    public String kafkaBootstrapServers() {
        return settings.kafkaBootstrapServers();
    }

    public boolean isKafkaRunning() {
        return kafka != null;
    }

    /** Shuts the broker down cleanly (clients see it gone, as in a broker outage); MongoDB stays up. Idempotent. */
    public void stopKafka() {
        synchronized (brokerLock) {
            EmbeddedKafka stopping = kafka;
            if (stopping != null) {
                System.out.println("shop infra: stopping the Kafka broker");
                kafka = null;
                stopping.close();
                System.out.println("shop infra: Kafka broker stopped");
            }
        }
    }

    /** Starts the broker again on the same ports with the same data; returns once it is ready. Idempotent. */
    public void startKafka() {
        synchronized (brokerLock) {
            if (kafka == null) {
                System.out.println("shop infra: starting the Kafka broker");
                kafka = startKafka(dataDir, settings);
                System.out.println("shop infra: Kafka broker started");
            }
        }
    }

    /**
     * Stops in the order that protects data: the endpoint first (so nobody thinks we are up), then MongoDB, whose file
     * store needs a clean close to keep the last second of writes and closes quickly, then Kafka, whose shutdown can
     * take a few seconds and whose log is flushed per message anyway.
     */
    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.stop(0);
            endpointThreads.shutdownNow();
        }
        closeQuietly(mongo);
        synchronized (brokerLock) {
            closeQuietly(kafka);
            kafka = null;
        }
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
