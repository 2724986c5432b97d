package dev.shop.auth.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.shop.auth.application.Offload;
import dev.shop.auth.application.OtpDelivery;
import dev.shop.auth.application.OtpDeliveryException;
import dev.shop.auth.application.OtpSender;
import dev.shop.auth.domain.OtpPurpose;
import dev.shop.auth.persistence.OwnerOnlyFiles;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The local-mode provider: logs the code and appends {@code <E.164> <code> <purpose> <timestamp>} to a file (by
 * default {@code data/dev-otp.log}), which {@code ./shop otp <phone>} reads. Never for production: codes end up in
 * logs.
 */
public class ConsoleOtpSender implements OtpSender {

    private final Path file;

    public ConsoleOtpSender(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public Uni<Void> send(OtpDelivery delivery) {
        return Offload.blocking(() -> {
            String line = delivery.phone().e164() + " " + delivery.code() + " " + delivery.purpose().wireName() + " "
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS) + System.lineSeparator();
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    OwnerOnlyFiles.createFolder(parent);
                }
                synchronized (ConsoleOtpSender.class) {
                    // the log holds live codes: readable by its owner only, from its first line
                    OwnerOnlyFiles.append(file, out -> out.write(line.getBytes(StandardCharsets.UTF_8)));
                }
            } catch (IOException | UncheckedIOException e) {
                throw new OtpDeliveryException("cannot append to " + file + ": " + e.getMessage(), e);
            }
            Log.infof("%s for %s (%s, %s): %s", delivery.purpose() == OtpPurpose.ACCOUNT_EXISTS
                    ? "You already have an account; sign-in code"
                    : "One-time code", delivery.phone().e164(),
                    delivery.purpose().wireName(), delivery.channel().wireName(), delivery.code());
            return null;
        });
    }

    public Path file() {
        return file;
    }
}
