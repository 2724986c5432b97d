package dev.shop.local;

import java.nio.file.Path;

/**
 * The folders of a local stack: the repository root it runs from and its data folder ({@code data/} below the root
 * unless another one is given), which holds the databases, {@code logs/<component>.log}, {@code run/<component>.pid}
 * and the OTP console log.
 */
public record StackHome(Path root, Path dataDir) {

    public StackHome {
        root = root.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** The usual layout: the data folder is {@code <root>/data}. */
    public StackHome(Path root) {
        this(root, root.toAbsolutePath().normalize().resolve("data"));
    }

    /**
     * The root given by {@code -Dshop.home} (set by the {@code ./shop} script), else the working directory; the data
     * folder given by {@code -Dshop.data}, else {@code <root>/data}.
     */
    public static StackHome fromSystemProperty() {
        Path root = Path.of(System.getProperty("shop.home", System.getProperty("user.dir")));
        String data = System.getProperty("shop.data");
        return data == null || data.isBlank() ? new StackHome(root) : new StackHome(root, Path.of(data));
    }

    /** Whether the data folder is somewhere else than {@code <root>/data} (a second stack of the same checkout). */
    public boolean hasOwnDataDir() {
        return !dataDir.equals(root.resolve("data"));
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path logFile(String component) {
        return logsDir().resolve(component + ".log");
    }

    public Path pidFile(String component) {
        return runDir().resolve(component + ".pid");
    }

    /** Where the local-mode console OTP provider appends {@code <phone> <code> <purpose> <timestamp>} lines. */
    public Path otpLog() {
        return dataDir.resolve("dev-otp.log");
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }
}
