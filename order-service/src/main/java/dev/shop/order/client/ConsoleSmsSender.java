package dev.shop.order.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.shop.order.application.SmsSender;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The local-mode provider: logs each message and appends {@code <E.164> <timestamp> <message id> <text>} to a file (by
 * default {@code data/dev-sms.log}), which {@code ./shop sms [phone]} reads. Never for production: messages end up in
 * logs.
 */
public final class ConsoleSmsSender implements SmsSender {

    private final Path file;

    public ConsoleSmsSender(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public Uni<Void> send(SmsMessage message) {
        return Uni.createFrom().<Void> item(() -> {
            String line = message.to() + " " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + message.id() + " "
                    + message.text().replaceAll("[\\r\\n]+", " ") + System.lineSeparator();
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                synchronized (ConsoleSmsSender.class) {
                    Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND, StandardOpenOption.WRITE);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot append to " + file + ": " + e.getMessage(), e);
            }
            Log.infof("SMS to %s: %s", message.to(), message.text());
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public Path file() {
        return file;
    }
}
