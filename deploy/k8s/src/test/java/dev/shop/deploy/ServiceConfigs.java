package dev.shop.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the services' own configuration says about messaging and storage: read from each module's
 * {@code application.properties} (production values; {@code %profile.} keys are ignored), so the manifests are checked
 * against the code that is actually deployed, including channels added after the manifests were written.
 */
final class ServiceConfigs {

    /** Workloads deployed from this repository and whether they take the service kit's defaults. */
    static final Map<String, Boolean> WORKLOADS = Map.of(
            "gateway", false,
            "auth-service", true,
            "catalog-service", true,
            "cart-service", true,
            "order-service", true,
            "admin-service", true);

    private static final Pattern INCOMING = Pattern.compile("^mp\\.messaging\\.incoming\\.([^.]+)\\.topic$");
    private static final Pattern OUTGOING = Pattern.compile("^mp\\.messaging\\.outgoing\\.([^.]+)\\.topic$");

    /**
     * A consumer channel: its topic (a regular expression when {@code pattern}) and the dead-letter topic its failures
     * go to (null when they do not).
     */
    record Incoming(String service, String channel, String topic, boolean pattern, String deadLetterTopic) {

        /** The topics a pattern can match all start with this (the pattern's literal beginning). */
        String literalPrefix() {
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < topic.length(); i++) {
                char c = topic.charAt(i);
                if (c == '\\' && i + 1 < topic.length() && topic.charAt(i + 1) == '.') {
                    prefix.append('.');
                    i++;
                } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                    prefix.append(c);
                } else {
                    break;
                }
            }
            return prefix.toString();
        }
    }

    record Outgoing(String service, String channel, String topic) {
    }

    private ServiceConfigs() {
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Not inside the repository: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Properties properties(String service) {
        Path file = repositoryRoot().resolve(service).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return properties;
    }

    static List<Incoming> incoming() {
        List<Incoming> channels = new ArrayList<>();
        for (Map.Entry<String, Boolean> workload : WORKLOADS.entrySet()) {
            Properties properties = properties(workload.getKey());
            for (String key : properties.stringPropertyNames()) {
                Matcher m = INCOMING.matcher(key);
                if (!m.matches()) {
                    continue;
                }
                String channel = m.group(1);
                String prefix = "mp.messaging.incoming." + channel + ".";
                // The kit makes dead-letter-queue the connector default; without the kit it is "fail".
                String strategy = properties.getProperty(prefix + "failure-strategy",
                        workload.getValue() ? "dead-letter-queue" : "fail");
                String deadLetter = strategy.equals("dead-letter-queue")
                        ? properties.getProperty(prefix + "dead-letter-queue.topic", "dead-letter-topic-" + channel)
                        : null;
                boolean pattern = Boolean.parseBoolean(properties.getProperty(prefix + "pattern", "false"));
                channels.add(new Incoming(workload.getKey(), channel, properties.getProperty(key), pattern,
                        deadLetter));
            }
        }
        return channels;
    }

    static List<Outgoing> outgoing() {
        List<Outgoing> channels = new ArrayList<>();
        for (String service : WORKLOADS.keySet()) {
            Properties properties = properties(service);
            for (String key : properties.stringPropertyNames()) {
                Matcher m = OUTGOING.matcher(key);
                if (m.matches()) {
                    channels.add(new Outgoing(service, m.group(1), properties.getProperty(key)));
                }
            }
        }
        return channels;
    }

    /** Each service's MongoDB database, from {@code quarkus.mongodb.database}. */
    static Map<String, String> databases() {
        Map<String, String> databases = new LinkedHashMap<>();
        for (Map.Entry<String, Boolean> workload : WORKLOADS.entrySet()) {
            String database = properties(workload.getKey()).getProperty("quarkus.mongodb.database");
            if (database != null) {
                databases.put(workload.getKey(), database);
            }
        }
        return databases;
    }

    /** Each workload's HTTP port, from {@code quarkus.http.port}. */
    static int httpPort(String service) {
        return Integer.parseInt(properties(service).getProperty("quarkus.http.port"));
    }
}
