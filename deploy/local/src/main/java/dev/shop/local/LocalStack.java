package dev.shop.local;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Starts, stops and reports on the processes of a local stack, stage by stage: each stage starts once the previous one
 * is healthy and stops only after every later stage has stopped.
 */
public final class LocalStack {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    /**
     * The exit code of {@link #start} when an artifact is missing: {@code ./shop start} then builds and starts again,
     * so a built tree starts with one JVM launch before the stack's own.
     */
    public static final int NOT_BUILT = 3;
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final int FAILURE_LOG_LINES = 40;
    private static final Optional<Path> SETSID = findOnPath("setsid");

    private final StackHome home;
    private final List<Component> components;
    private final Map<String, String> sharedEnvironment;
    private final Duration startTimeout;
    private final Duration stopGrace;
    private final String readyBanner;
    private final PrintStream out;
    private final PrintStream err;
    private final PidRegistry pids;
    /**
     * Whether services start with an AppCDS archive ({@link ClassDataSharing}); {@code SHOP_CDS=false} in the
     * environment (or {@code -Dshop.cds=false}) turns it off.
     */
    private final boolean classDataSharing = Boolean.parseBoolean(System.getProperty("shop.cds",
            System.getenv().getOrDefault("SHOP_CDS", "true")));

    /** Children this launcher started, in start order; guarded by {@code this}. */
    private final Map<Component, Process> started = new LinkedHashMap<>();
    private boolean stopping;

    /**
     * @param sharedEnvironment variables every child gets (connection strings, data folder)
     * @param startTimeout how long the whole start may take before it is abandoned
     * @param stopGrace how long a process may take to exit after SIGTERM before it gets SIGKILL
     * @param readyBanner printed once everything is healthy
     */
    public LocalStack(StackHome home, List<Component> components, Map<String, String> sharedEnvironment,
            Duration startTimeout, Duration stopGrace, String readyBanner, PrintStream out, PrintStream err) {
        this.home = home;
        this.components = List.copyOf(components);
        this.sharedEnvironment = Map.copyOf(sharedEnvironment);
        this.startTimeout = startTimeout;
        this.stopGrace = stopGrace;
        this.readyBanner = readyBanner;
        this.out = out;
        this.err = err;
        this.pids = new PidRegistry(home);
    }

    public List<Component> components() {
        return components;
    }

    public Optional<Component> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Artifacts that do not exist yet, as paths relative to the repository root. */
    public List<String> missingArtifacts() {
        return components.stream()
                .map(Component::artifact)
                .distinct()
                .filter(artifact -> !Files.isRegularFile(home.resolve(artifact)))
                .collect(Collectors.toList());
    }

    // ---------------------------------------------------------------- start

    /**
     * Starts every component. Detached, returns once all are healthy and leaves them running; in the foreground, stays
     * until SIGINT/SIGTERM (whose shutdown hook stops everything in order) or until every component has exited.
     *
     * @return the process exit code
     */
    public int start(boolean detached) {
        Optional<String> refusal = alreadyRunning();
        if (refusal.isEmpty()) {
            List<String> missing = missingArtifacts();
            if (!missing.isEmpty()) {
                err.println("shop: not built yet: " + String.join(", ", missing)
                        + " (run ./mvnw -B package -DskipTests)");
                return NOT_BUILT;
            }
            refusal = PortConflict.findFirst(components).map(PortConflict::message);
        }
        if (refusal.isPresent()) {
            err.println("shop: " + refusal.get());
            return 1;
        }
        createDirectories();
        Thread shutdownHook = new Thread(this::stopStarted, "shop-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        if (!detached) {
            pids.write(PidRegistry.LAUNCHER, ProcessHandle.current().pid());
        }

        Instant begin = Instant.now();
        Instant deadline = begin.plus(startTimeout);
        Map<String, Duration> readyAfter = new LinkedHashMap<>();
        for (List<Component> batch : startBatches()) {
            Optional<String> failure = startAndAwait(batch, begin, deadline, readyAfter);
            if (failure.isPresent()) {
                stopStarted();
                removeHook(shutdownHook);
                return 1;
            }
        }
        Duration total = Duration.between(begin, Instant.now());
        StartRecord.write(home.startRecord(), new StartRecord(begin, total, readyAfter));
        out.printf(Locale.ROOT, "%nready in %.1f s%n", total.toMillis() / 1000.0);
        out.println(readyBanner);
        out.println(detached ? "Running in the background; stop it with ./shop stop" : "Press Ctrl-C to stop.");
        if (detached) {
            removeHook(shutdownHook);
            return 0;
        }
        return watchUntilAllExited();
    }

    private Optional<String> alreadyRunning() {
        List<String> running = new ArrayList<>();
        pids.runningLauncher().ifPresent(p -> running.add("launcher pid " + p.pid()));
        for (Component component : components) {
            pids.runningComponent(component.name()).ifPresent(p -> running.add(component.name() + " pid " + p.pid()));
        }
        if (!running.isEmpty()) {
            return Optional.of("the stack is already running (" + String.join(", ", running)
                    + "); see ./shop status, or ./shop stop first");
        }
        return Optional.empty();
    }

    private void createDirectories() {
        try {
            Files.createDirectories(home.logsDir());
            Files.createDirectories(home.runDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The groups launched together, in order: a stage's components start together, and a stage that may start with
     * the one before it ({@link Stage#startsWithPrevious()}: the gateway, which finds unready services on its own) joins
     * that group.
     */
    List<List<Component>> startBatches() {
        List<List<Component>> batches = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            List<Component> batch = componentsOf(stage);
            if (batch.isEmpty()) {
                continue;
            }
            if (stage.startsWithPrevious() && !batches.isEmpty()) {
                batches.get(batches.size() - 1).addAll(batch);
            } else {
                batches.add(new ArrayList<>(batch));
            }
        }
        return batches;
    }

    private List<Component> componentsOf(Stage stage) {
        return components.stream().filter(c -> c.stage() == stage).collect(Collectors.toList());
    }

    /** Launches a stage's components together and waits until each is healthy; empty when all are. */
    private Optional<String> startAndAwait(List<Component> batch, Instant begin, Instant deadline,
            Map<String, Duration> readyAfter) {
        Instant stageStart = Instant.now();
        Map<Component, Process> pending = new LinkedHashMap<>();
        for (Component component : batch) {
            out.println("starting " + component.name() + " (log: " + home.root().relativize(home.logFile(
                    component.name())) + ")");
            try {
                Optional<Process> process = launch(component);
                if (process.isEmpty()) {
                    return Optional.of("stopping");
                }
                pending.put(component, process.get());
            } catch (IOException | UncheckedIOException e) {
                return Optional.of(fail(component, "could not launch: " + e.getMessage()));
            }
        }
        while (!pending.isEmpty()) {
            if (isStopping()) {
                return Optional.of("stopping");
            }
            // earlier stages too: a service that dies while the gateway starts fails the start as well
            Optional<Map.Entry<Component, Process>> dead = startedSnapshot().entrySet().stream()
                    .filter(e -> !e.getValue().isAlive())
                    .findFirst();
            if (dead.isPresent()) {
                return Optional.of(fail(dead.get().getKey(), "exited with code " + dead.get().getValue().exitValue()
                        + " while the stack was starting"));
            }
            for (var it = pending.entrySet().iterator(); it.hasNext();) {
                var entry = it.next();
                Component component = entry.getKey();
                Process process = entry.getValue();
                if (component.health().isUp()) {
                    out.printf(Locale.ROOT, "%s is up (pid %d, %.1f s)%n", component.name(), process.pid(),
                            Duration.between(stageStart, Instant.now()).toMillis() / 1000.0);
                    readyAfter.put(component.name(), Duration.between(begin, Instant.now()));
                    it.remove();
                }
            }
            if (!pending.isEmpty() && Instant.now().isAfter(deadline)) {
                Component late = pending.keySet().iterator().next();
                return Optional.of(fail(late, "not healthy within " + startTimeout.toSeconds() + " s"));
            }
            sleep(POLL_INTERVAL);
        }
        return Optional.empty();
    }

    private String fail(Component component, String reason) {
        if (isStopping()) {
            return "stopping";
        }
        Path log = home.logFile(component.name());
        err.println("shop: " + component.name() + " failed to start: " + reason);
        err.println("---- last " + FAILURE_LOG_LINES + " lines of " + home.root().relativize(log) + " ----");
        LogTail.lastLines(log, FAILURE_LOG_LINES).forEach(err::println);
        err.println("---- end of " + component.name() + " log; stopping what was started ----");
        return reason;
    }

    /** Starts one child in its own session, output appended to its log; empty if a stop has begun meanwhile. */
    private synchronized Optional<Process> launch(Component component) throws IOException {
        if (stopping) {
            return Optional.empty();
        }
        List<String> command = commandOf(component);
        Path log = home.logFile(component.name());
        Files.writeString(log, System.lineSeparator() + "==== " + Instant.now() + " shop: starting " + component.name()
                + ": " + String.join(" ", command) + " ====" + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(sharedEnvironment);
        builder.environment().putAll(component.environment());
        Process process = builder.start();
        started.put(component, process);
        pids.write(component.name(), process.pid());
        return Optional.of(process);
    }

    /**
     * {@code setsid} (util-linux) gives the child its own session: Ctrl-C in the terminal then reaches only the launcher,
     * which stops the children in order, and a closed terminal does not hang up a detached stack. The child is not a
     * process-group leader, so setsid execs java in place and the pid stays the JVM's.
     */
    List<String> commandOf(Component component) {
        List<String> command = new ArrayList<>();
        SETSID.ifPresent(path -> command.add(path.toString()));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(PidRegistry.componentMarker(component.name()));
        command.addAll(PidRegistry.stackMarkers(home));
        if (classDataSharing) {
            command.addAll(ClassDataSharing.arguments(home, component));
        }
        command.addAll(component.javaArguments());
        return command;
    }

    private static Optional<Path> findOnPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private int watchUntilAllExited() {
        List<CompletableFuture<Process>> exits = new ArrayList<>();
        synchronized (this) {
            started.forEach((component, process) -> exits.add(process.onExit().whenComplete((p, e) -> {
                if (!isStopping()) {
                    err.printf("shop: %s (pid %d) exited with code %d; see ./shop logs %s%n", component.name(),
                            p.pid(), p.exitValue(), component.name());
                    pids.remove(component.name());
                }
            })));
        }
        CompletableFuture.allOf(exits.toArray(new CompletableFuture<?>[0])).join();
        if (!isStopping()) {
            err.println("shop: every component has exited");
            pids.remove(PidRegistry.LAUNCHER);
        }
        return 1;
    }

    private synchronized Map<Component, Process> startedSnapshot() {
        return new LinkedHashMap<>(started);
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    /** Stops whatever this launcher started, once; run by the shutdown hook and on a failed start. */
    private void stopStarted() {
        Map<String, ProcessHandle> running = new LinkedHashMap<>();
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            started.forEach((component, process) -> {
                if (process.isAlive()) {
                    running.put(component.name(), process.toHandle());
                } else {
                    pids.remove(component.name());
                }
            });
        }
        if (!running.isEmpty()) {
            out.println("stopping the stack");
        }
        stopInOrder(running);
        pids.remove(PidRegistry.LAUNCHER);
        if (!running.isEmpty()) {
            out.println("stopped");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing to undo
        }
    }

    // ---------------------------------------------------------------- one component

    /**
     * Kills one running component with SIGKILL, as a crash or the kernel's OOM killer would, and leaves everything else
     * running; for crash drills. Returns once the process is gone.
     */
    public void killHard(String name) {
        Component component = component(name).orElseThrow(() -> new IllegalArgumentException("unknown component "
                + name));
        Optional<ProcessHandle> process;
        synchronized (this) {
            Process child = started.get(component);
            process = child != null && child.isAlive() ? Optional.of(child.toHandle())
                    : pids.runningComponent(component.name());
        }
        process.ifPresent(p -> {
            out.println("killing " + component.name() + " (pid " + p.pid() + ") with SIGKILL");
            p.destroyForcibly();
            if (!awaitExit(p, KILL_WAIT)) {
                throw new IllegalStateException(component.name() + " (pid " + p.pid() + ") survived SIGKILL");
            }
        });
        pids.remove(component.name());
    }

    /**
     * Starts one component of a stack whose other components run (after {@link #killHard}, or after it crashed) and
     * waits until it is healthy, at most the start timeout.
     *
     * @return empty when it is up, else why not (its log's end is printed too)
     */
    public Optional<String> restart(String name) {
        Component component = component(name).orElseThrow(() -> new IllegalArgumentException("unknown component "
                + name));
        Optional<ProcessHandle> running = pids.runningComponent(component.name());
        if (running.isPresent()) {
            return Optional.of(component.name() + " is still running (pid " + running.get().pid() + ")");
        }
        Instant begin = Instant.now();
        return startAndAwait(List.of(component), begin, begin.plus(startTimeout), new LinkedHashMap<>());
    }

    // ---------------------------------------------------------------- stop

    /**
     * Stops a running stack from another process: asks a foreground launcher to do it, then stops whatever is left by
     * pid file. Idempotent.
     *
     * @return the process exit code
     */
    public int stop() {
        boolean foundAny = false;
        Optional<ProcessHandle> launcher = pids.runningLauncher();
        if (launcher.isPresent()) {
            foundAny = true;
            out.println("asking the foreground launcher (pid " + launcher.get().pid() + ") to stop the stack");
            launcher.get().destroy();
            Duration wholeStack = stopGrace.multipliedBy(Stage.values().length).plus(KILL_WAIT);
            if (!awaitExit(launcher.get(), wholeStack)) {
                err.println("shop: the launcher did not stop within " + wholeStack.toSeconds()
                        + " s; stopping the components directly");
            }
        }
        Map<String, ProcessHandle> running = new LinkedHashMap<>();
        for (Component component : components) {
            pids.runningComponent(component.name()).ifPresent(p -> running.put(component.name(), p));
        }
        if (running.isEmpty() && !foundAny) {
            out.println("the stack is not running");
            return 0;
        }
        stopInOrder(running);
        pids.remove(PidRegistry.LAUNCHER);
        out.println("stopped");
        return 0;
    }

    /** Latest stage first; within a stage, all get SIGTERM together, then SIGKILL whoever outlives the grace period. */
    private void stopInOrder(Map<String, ProcessHandle> running) {
        List<Stage> stages = new ArrayList<>(List.of(Stage.values()));
        Collections.reverse(stages);
        for (Stage stage : stages) {
            List<Component> batch = componentsOf(stage).stream()
                    .filter(c -> running.containsKey(c.name()))
                    .sorted(Comparator.comparing(Component::name))
                    .collect(Collectors.toList());
            batch.forEach(c -> {
                out.println("stopping " + c.name() + " (pid " + running.get(c.name()).pid() + ")");
                running.get(c.name()).destroy();
            });
            // a JVM recording its class-data archive writes it (tens of MB) on the way out: give it the time
            boolean recording = classDataSharing
                    && batch.stream().anyMatch(c -> ClassDataSharing.isRecording(home, c));
            Duration grace = recording ? stopGrace.plus(ClassDataSharing.DUMP_TIME) : stopGrace;
            if (recording) {
                out.println("(writing the class-data archives of this first run: stopping takes longer once)");
            }
            Instant graceEnd = Instant.now().plus(grace);
            for (Component component : batch) {
                ProcessHandle process = running.get(component.name());
                Duration left = Duration.between(Instant.now(), graceEnd);
                if (!awaitExit(process, left.isNegative() ? Duration.ZERO : left)) {
                    err.println("shop: " + component.name() + " did not stop within " + grace.toSeconds()
                            + " s; killing it");
                    process.destroyForcibly();
                    awaitExit(process, KILL_WAIT);
                }
                pids.remove(component.name());
            }
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    // ---------------------------------------------------------------- status

    /**
     * Prints one line per component: pid, ports, whether its process runs, whether it is healthy, how long after the
     * start it was ready and its resident memory; then the whole stack's time to ready and memory.
     */
    public int status() {
        String format = "%-10s %-8s %-25s %-8s %-7s %8s %9s%n";
        out.printf(format, "COMPONENT", "PID", "PORT", "STATE", "HEALTH", "READY", "RSS");
        Optional<StartRecord> record = StartRecord.read(home.startRecord());
        long totalRss = 0;
        int running = 0;
        for (Component component : components) {
            Optional<ProcessHandle> process = pids.runningComponent(component.name());
            String health = process.isEmpty() ? "-" : component.health().isUp() ? "UP" : "DOWN";
            OptionalLong rss = process.isEmpty() ? OptionalLong.empty() : ResidentMemory.of(process.get().pid());
            if (rss.isPresent()) {
                totalRss += rss.getAsLong();
            }
            running += process.isPresent() ? 1 : 0;
            String ready = process.isEmpty() ? "-"
                    : record.map(r -> r.readyAfter().get(component.name())).map(LocalStack::seconds).orElse("-");
            out.printf(format, component.name(), process.map(p -> String.valueOf(p.pid())).orElse("-"),
                    component.portsLabel(), process.isPresent() ? "running" : "stopped", health, ready,
                    rss.isPresent() ? ResidentMemory.label(rss.getAsLong()) : "-");
        }
        if (running > 0) {
            String ready = record.map(r -> "ready " + seconds(r.total()) + " after the start at " + r.startedAt())
                    .orElse("time to ready unknown (started by an older launcher)");
            out.printf("stack: %s; resident memory %s in total%n", ready, ResidentMemory.label(totalRss));
        }
        return 0;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
