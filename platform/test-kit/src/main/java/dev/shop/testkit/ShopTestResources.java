package dev.shop.testkit;

import java.util.HashMap;
import java.util.Map;

import dev.shop.contracts.events.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The infrastructure of a {@code @QuarkusTest}: an in-memory MongoDB-wire server, a real Kafka broker and the test
 * OIDC issuer, started once per test JVM (shared by every test class of a module) and handed to Quarkus as config.
 * <p>
 * Use with {@code @QuarkusTestResource(value = ShopTestResources.class, restrictToAnnotatedClass = false)} or
 * {@code @WithTestResource(ShopTestResources.class)}.
 */
public class ShopTestResources implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedMongo mongo;
    private static EmbeddedKafka kafka;

    @Override
    public synchronized Map<String, String> start() {
        startShared();
        TestIssuer issuer = TestIssuer.shared();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.mongodb.connection-string", mongo.connectionString());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("mp.jwt.verify.publickey.location", issuer.jwksUrl());
        config.put("mp.jwt.verify.issuer", issuer.issuer());
        config.put("mp.jwt.verify.audiences", TestIssuer.AUDIENCE);
        if (onClasspath("io.quarkus.oidc.OidcTenantConfig")) {
            config.put("quarkus.oidc.auth-server-url", issuer.issuer());
            config.put("quarkus.oidc.token.audience", TestIssuer.AUDIENCE);
        }
        return config;
    }

    /** Starts the shared servers if this JVM has none yet; also for tests that need them without Quarkus. */
    public static synchronized void startShared() {
        if (mongo == null) {
            mongo = EmbeddedMongo.inMemory();
        }
        if (kafka == null) {
            kafka = EmbeddedKafka.ephemeral();
            kafka.createTopics(Topics.all());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.close();
                mongo.close();
            }, "shop-test-infra-stop"));
        }
    }

    public static synchronized String kafkaBootstrapServers() {
        startShared();
        return kafka.bootstrapServers();
    }

    public static synchronized String mongoConnectionString() {
        startShared();
        return mongo.connectionString();
    }

    public static synchronized EmbeddedKafka kafka() {
        startShared();
        return kafka;
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; stopped by the shutdown hook.
    }
}
