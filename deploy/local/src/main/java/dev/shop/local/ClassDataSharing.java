package dev.shop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;

/**
 * Application class-data sharing (AppCDS) for every JVM of the stack, the services and the infrastructure process: the
 * first start of a freshly built service records the
 * classes it loaded into {@code data/cds/<component>.jsa} when it exits ({@code -XX:ArchiveClassesAtExit}); later starts
 * map that archive instead of loading, parsing and verifying those classes again ({@code -XX:SharedArchiveFile}),
 * which saves CPU on every start, and CPU is what a stack of seven JVMs on a small machine waits for. A rebuilt jar
 * makes its archive stale: it is recorded again on the next run (the JVM itself also refuses an archive whose class
 * path changed, and then simply starts without it).
 */
public final class ClassDataSharing {

    private ClassDataSharing() {
    }

    /** The JVM options for a component: none for what does not run from a jar. */
    static List<String> arguments(StackHome home, Component component) {
        if (!runsFromJar(component)) {
            return List.of();
        }
        Path archive = archive(home, component);
        Path jar = home.resolve(component.artifact());
        try {
            if (isFresh(archive, jar)) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off");
            }
            Files.createDirectories(archive.getParent());
            Files.deleteIfExists(archive);
            return List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How much longer than usual a recording JVM may take to stop: it writes the archive on the way out. */
    static final Duration DUMP_TIME = Duration.ofSeconds(90);

    /** Whether the component runs without a usable archive, so it is recording one (written when it exits). */
    static boolean isRecording(StackHome home, Component component) {
        if (!runsFromJar(component)) {
            return false;
        }
        try {
            return !isFresh(archive(home, component), home.resolve(component.artifact()));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean runsFromJar(Component component) {
        return component.artifact().endsWith(".jar");
    }

    static Path archive(StackHome home, Component component) {
        return home.dataDir().resolve("cds").resolve(component.name() + ".jsa");
    }

    /** An archive written after the jar it was recorded from. */
    static boolean isFresh(Path archive, Path jar) throws IOException {
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0 || !Files.isRegularFile(jar)) {
            return false;
        }
        FileTime recorded = Files.getLastModifiedTime(archive);
        return recorded.compareTo(Files.getLastModifiedTime(jar)) > 0;
    }
}
