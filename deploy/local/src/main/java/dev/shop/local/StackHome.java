package dev.shop.local;

import java.nio.file.Path;

/**
 * The folders of a local stack: the repository root it runs from and {@code data/} below it, which holds the databases,
 * {@code logs/<component>.log}, {@code run/<component>.pid} and the OTP console log.
 */
public record StackHome(Path root) {

    public StackHome {
        root = root.toAbsolutePath().normalize();
    }

    /** The root given by {@code -Dshop.home} (set by the {@code ./shop} script), else the working directory. */
    public static StackHome fromSystemProperty() {
        return new StackHome(Path.of(System.getProperty("shop.home", System.getProperty("user.dir"))));
    }

    public Path dataDir() {
        return root.resolve("data");
    }

    public Path logsDir() {
        return dataDir().resolve("logs");
    }

    public Path runDir() {
        return dataDir().resolve("run");
    }

    public Path logFile(String component) {
        return logsDir().resolve(component + ".log");
    }

    public Path pidFile(String component) {
        return runDir().resolve(component + ".pid");
    }

    /** Where the local-mode console OTP provider appends {@code <phone> <code> <purpose> <timestamp>} lines. */
    public Path otpLog() {
        return dataDir().resolve("dev-otp.log");
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }
}
