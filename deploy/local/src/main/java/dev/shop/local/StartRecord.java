package dev.shop.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * When the running stack was started and how long it and each component took to be ready, kept in
 * {@code data/run/start.properties} by {@code ./shop start} for {@code ./shop status}.
 *
 * @param startedAt when the launcher began starting the infrastructure
 * @param total from then until every component was healthy
 * @param readyAfter per component, from {@code startedAt} until it was healthy, in start order
 */
public record StartRecord(Instant startedAt, Duration total, Map<String, Duration> readyAfter) {

    private static final String STARTED_AT = "startedAt";
    private static final String TOTAL = "readyAfterMillis";
    private static final String COMPONENT = "component.";

    public StartRecord {
        readyAfter = Map.copyOf(readyAfter);
    }

    static void write(Path file, StartRecord record) {
        Properties properties = new Properties();
        properties.setProperty(STARTED_AT, record.startedAt().toString());
        properties.setProperty(TOTAL, String.valueOf(record.total().toMillis()));
        record.readyAfter().forEach((name, after) -> properties.setProperty(COMPONENT + name + ".readyAfterMillis",
                String.valueOf(after.toMillis())));
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(writer, "written by ./shop start");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record of the last start, if there is a readable one. */
    static Optional<StartRecord> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            Map<String, Duration> readyAfter = new TreeMap<>();
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith(COMPONENT) && key.endsWith(".readyAfterMillis")) {
                    String name = key.substring(COMPONENT.length(), key.length() - ".readyAfterMillis".length());
                    readyAfter.put(name, Duration.ofMillis(Long.parseLong(properties.getProperty(key))));
                }
            }
            return Optional.of(new StartRecord(Instant.parse(properties.getProperty(STARTED_AT)),
                    Duration.ofMillis(Long.parseLong(properties.getProperty(TOTAL))), new LinkedHashMap<>(readyAfter)));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
