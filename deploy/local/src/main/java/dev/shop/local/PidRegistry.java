package dev.shop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code data/run/<name>.pid} files of a stack. A pid is only trusted while its process still carries our markers
 * on its command line, so a pid recycled by an unrelated process after a crash or reboot is never signalled.
 */
public final class PidRegistry {

    /** The pid file of a launcher running in the foreground, which {@code stop} asks to do the ordered stop itself. */
    public static final String LAUNCHER = "launcher";

    private final StackHome home;

    public PidRegistry(StackHome home) {
        this.home = home;
    }

    /** The marker every child JVM gets, so that its pid can be recognised later. */
    public static String componentMarker(String component) {
        return "-Dshop.component=" + component;
    }

    public static String homeMarker(StackHome home) {
        return "-Dshop.home=" + home.root();
    }

    /**
     * The markers that tie a process to this stack: its home and, for a stack whose data folder is not the usual one
     * (the system tests run several next to a developer's stack of the same checkout), that folder too.
     */
    public static List<String> stackMarkers(StackHome home) {
        return home.hasOwnDataDir() ? List.of(homeMarker(home), "-Dshop.data=" + home.dataDir())
                : List.of(homeMarker(home));
    }

    public void write(String name, long pid) {
        try {
            Files.createDirectories(home.runDir());
            Files.writeString(home.pidFile(name), pid + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(String name) {
        try {
            Files.deleteIfExists(home.pidFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live process of a component of this stack, if its pid file names one; a stale pid file is removed. */
    public Optional<ProcessHandle> runningComponent(String component) {
        List<String> markers = new ArrayList<>(stackMarkers(home));
        markers.add(componentMarker(component));
        return running(component, markers);
    }

    /** The foreground launcher of this stack, if one is running. */
    public Optional<ProcessHandle> runningLauncher() {
        List<String> markers = new ArrayList<>(stackMarkers(home));
        markers.add(Components.LAUNCHER_JAR);
        return running(LAUNCHER, markers);
    }

    private Optional<ProcessHandle> running(String name, List<String> markers) {
        Optional<Long> pid = readPid(home.pidFile(name));
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get())
                .filter(ProcessHandle::isAlive)
                .filter(p -> carriesMarkers(p, markers));
        if (process.isEmpty()) {
            remove(name);
        }
        return process;
    }

    /**
     * Whether the process's command line contains every marker, each as a whole argument or, for a path, as the end
     * of one. A process whose command line we may not read is not ours.
     */
    static boolean carriesMarkers(ProcessHandle process, List<String> markers) {
        Optional<String[]> arguments = process.info().arguments();
        return arguments.isPresent() && commandLineMatches(List.of(arguments.get()), markers);
    }

    static boolean commandLineMatches(List<String> arguments, List<String> markers) {
        return markers.stream().allMatch(marker -> arguments.stream()
                .anyMatch(argument -> argument.equals(marker) || argument.endsWith("/" + marker)));
    }

    private static Optional<Long> readPid(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
