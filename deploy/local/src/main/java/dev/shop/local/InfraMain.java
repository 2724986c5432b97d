package dev.shop.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of the {@code infra} process: runs {@link Infrastructure} with the data of {@code <shop.home>/data} until
 * SIGTERM or SIGINT, then closes it cleanly so the MongoDB file keeps every write.
 */
public final class InfraMain {

    private InfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        quietenLibraryLogging();
        Path dataDir = StackHome.fromSystemProperty().dataDir();
        InfraSettings settings = InfraSettings.fromSystemProperties();
        Instant started = Instant.now();
        Infrastructure infrastructure;
        try {
            infrastructure = Infrastructure.start(dataDir, settings);
        } catch (RuntimeException e) {
            System.err.println("shop infra: could not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("shop infra: stopping");
            infrastructure.close();
            System.out.println("shop infra: stopped");
            stopped.countDown();
        }, "shop-infra-shutdown"));
        System.out.printf("shop infra: ready in %d ms: MongoDB %s, Kafka %s, data in %s%n",
                Duration.between(started, Instant.now()).toMillis(), infrastructure.mongoConnectionString(),
                infrastructure.kafkaBootstrapServers(), dataDir);
        stopped.await();
    }

    /**
     * Kafka and mongo-java-server log through slf4j (here slf4j-simple) and log a lot at INFO; Kafka also ships
     * log4j-core, which without a configuration would complain on the console. Explicit -D options still win.
     */
    static void quietenLibraryLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
        // Harmless on a single-node broker, yet printed on every start or stop.
        setIfAbsent("org.slf4j.simpleLogger.log.kafka.log.LogManager", "error");
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
        setIfAbsent("log4j2.level", "WARN");
        setIfAbsent("log4j2.statusLoggerLevel", "OFF");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
