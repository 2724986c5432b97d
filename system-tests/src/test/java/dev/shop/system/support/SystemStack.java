package dev.shop.system.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.shop.local.Component;
import dev.shop.local.Components;
import dev.shop.local.InfraControl;
import dev.shop.local.InfraSettings;
import dev.shop.local.LocalStack;
import dev.shop.local.LogTail;
import dev.shop.local.StackHome;
import dev.shop.local.StackPorts;

/**
 * The one stack every system test class shares: the launcher's infrastructure process, the five services and the
 * gateway, each a JVM started from its packaged jar exactly as {@code ./shop start -d} does, but on free ports and with
 * a fresh data folder ({@code system-tests/target/system-stack}). Started once by the first class that needs it and
 * stopped when the test run ends.
 *
 * <p>
 * Settings of this stack that differ from {@code ./shop start} (production defaults are untouched):
 * <ul>
 * <li>the gateway trusts loopback as its load balancer ({@code trusted-proxies}), so each simulated client sends its
 * own address in {@code X-Forwarded-For} and gets the per-address buckets a real client would, instead of every test
 * sharing 127.0.0.1's;</li>
 * <li>the per-user bucket is raised to 20,000 a minute: the hostile-input corpus sends thousands of requests with one
 * admin's token within a minute;</li>
 * <li>the catalogue's demo data is cut to 40 products (the tests bring their own), so the first minute of the run is not
 * spent drawing 300 images.</li>
 * </ul>
 * With {@code -Dshop.system.attach=<folder>} the tests use a stack an earlier run left running with
 * {@code -Dshop.system.keep=true} (its folder holds {@code stack.properties}) instead of starting one.
 */
public final class SystemStack {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String PROPERTIES = "stack.properties";
    private static SystemStack shared;

    private final StackHome home;
    private final StackPorts ports;
    private final LocalStack stack;
    private final boolean owned;

    private SystemStack(StackHome home, StackPorts ports, LocalStack stack, boolean owned) {
        this.home = home;
        this.ports = ports;
        this.stack = stack;
        this.owned = owned;
    }

    /** The running stack; the first call starts it. */
    public static synchronized SystemStack get() {
        if (shared == null) {
            String attach = System.getProperty("shop.system.attach", "");
            shared = attach.isBlank() ? start() : attach(Path.of(attach));
            if (shared.owned && !Boolean.getBoolean("shop.system.keep")) {
                Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "system-stack-stop"));
            }
        }
        return shared;
    }

    /** JUnit extension: starts the stack before the first class that uses it (see {@link SystemTest}). */
    public static final class Extension implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            // the root store closes its resources when the whole run ends, after the last class
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SystemStack.class,
                    key -> {
                        SystemStack stack = get();
                        return (ExtensionContext.Store.CloseableResource) () -> {
                            if (!Boolean.getBoolean("shop.system.keep")) {
                                stack.stop();
                            }
                        };
                    });
        }
    }

    private static SystemStack start() {
        Path repository = Path.of(System.getProperty("shop.repository", "..")).toAbsolutePath().normalize();
        Path dataDir = Path.of(System.getProperty("shop.system.data", "target/system-stack")).toAbsolutePath()
                .normalize();
        deleteRecursively(dataDir);
        StackHome home = new StackHome(repository, dataDir);
        StackPorts ports = StackPorts.free();
        List<Component> components = new ArrayList<>();
        for (Component component : Components.table(ports, repository)) {
            components.add(component.withEnvironment(tuning(component.name())));
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new TeeStream(errors, System.err), true, StandardCharsets.UTF_8);
        LocalStack stack = new LocalStack(home, components, Components.sharedEnvironment(home, ports), START_TIMEOUT,
                STOP_GRACE, "system stack: every component is healthy", System.out, err);
        Instant started = Instant.now();
        System.out.println("system stack: starting in " + dataDir);
        if (stack.start(true) != 0) {
            stack.stop();
            throw new IllegalStateException("the stack did not start:\n" + errors.toString(StandardCharsets.UTF_8));
        }
        System.out.printf("system stack: up in %d s; gateway %s, API document %s/q/openapi%n",
                Duration.between(started, Instant.now()).toSeconds(), ports.url("gateway"),
                ports.managementUrl("gateway"));
        writeProperties(dataDir, repository, ports);
        return new SystemStack(home, ports, stack, true);
    }

    /** What this stack sets on top of the launcher's table; see the class comment for why. */
    private static Map<String, String> tuning(String component) {
        Map<String, String> env = new LinkedHashMap<>();
        switch (component) {
            case "gateway" -> {
                env.put("SHOP_GATEWAY_TRUSTED_PROXIES", "127.0.0.1");
                env.put("SHOP_GATEWAY_RATE_LIMITS_AUTHENTICATED_CAPACITY", "20000");
            }
            case "catalog" -> env.put("SHOP_CATALOG_DEMO_DATA_PRODUCTS", "40");
            default -> {
            }
        }
        return env;
    }

    private static void writeProperties(Path dataDir, Path repository, StackPorts ports) {
        Properties properties = new Properties();
        properties.setProperty("repository", repository.toString());
        InfraSettings infra = ports.infra();
        properties.setProperty("infra", infra.mongoPort() + "," + infra.kafkaPort() + ","
                + infra.kafkaControllerPort() + "," + infra.healthPort());
        ports.services().forEach((name, p) -> properties.setProperty(name, p.port() + "," + p.managementPort()));
        try (OutputStream out = Files.newOutputStream(dataDir.resolve(PROPERTIES))) {
            properties.store(out, "ports of the system-test stack");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SystemStack attach(Path dataDir) {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(dataDir.resolve(PROPERTIES))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no " + PROPERTIES + " in " + dataDir, e);
        }
        Path repository = Path.of(properties.getProperty("repository"));
        int[] infra = ints(properties.getProperty("infra"));
        InfraSettings standard = InfraSettings.standard();
        Map<String, StackPorts.ServicePorts> services = new LinkedHashMap<>();
        for (String name : List.of("gateway", "auth", "catalog", "cart", "order", "admin")) {
            int[] p = ints(properties.getProperty(name));
            services.put(name, new StackPorts.ServicePorts(p[0], p[1]));
        }
        StackPorts ports = new StackPorts(new InfraSettings(standard.host(), infra[0], infra[1], infra[2], infra[3],
                standard.partitions()), services);
        StackHome home = new StackHome(repository, dataDir);
        List<Component> components = new ArrayList<>();
        for (Component component : Components.table(ports, repository)) {
            components.add(component.withEnvironment(tuning(component.name())));
        }
        LocalStack stack = new LocalStack(home, components, Components.sharedEnvironment(home, ports), START_TIMEOUT,
                STOP_GRACE, "", System.out, System.err);
        System.out.println("system stack: attached to the stack in " + dataDir);
        return new SystemStack(home, ports, stack, false);
    }

    private static int[] ints(String csv) {
        return Stream.of(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private void stop() {
        if (owned) {
            stack.stop();
        }
    }

    // ------------------------------------------------------------------ what tests use

    /** The gateway's public base URL, the only address journeys talk to. */
    public String gateway() {
        return "http://127.0.0.1:" + ports.of("gateway").port();
    }

    /** The gateway's management interface (merged API document, metrics); never public. */
    public String gatewayManagement() {
        return "http://127.0.0.1:" + ports.of("gateway").managementPort();
    }

    /** A service's management interface, for its own API document (inventory checks). */
    public String management(String component) {
        return "http://127.0.0.1:" + ports.of(component).managementPort();
    }

    public StackPorts ports() {
        return ports;
    }

    public String kafkaBootstrapServers() {
        return ports.infra().kafkaBootstrapServers();
    }

    /** The console OTP provider's file, {@code <data>/dev-otp.log}. */
    public Path otpLog() {
        return home.otpLog();
    }

    /** The fake-card provider's signing secret (order-service writes it on its first start). */
    public Path fakeCardSecret() {
        return home.fakeCardSecret();
    }

    /** The payment sessions the fake-card provider opened, as {@code ./shop pay} reads them. */
    public Path fakeCardSessions() {
        return home.fakeCardSessions();
    }

    public InfraControl infra() {
        return new InfraControl(ports.infra());
    }

    /** SIGKILL one component (as a crash would); everything else keeps running. */
    public void killHard(String component) {
        stack.killHard(component);
    }

    /** Starts a killed component again and waits until it is healthy. */
    public void restart(String component) {
        Optional<String> failure = stack.restart(component);
        if (failure.isPresent()) {
            throw new IllegalStateException(component + " did not come back: " + failure.get() + "\n"
                    + String.join("\n", LogTail.lastLines(home.logFile(component), 60)));
        }
    }

    /** The last lines of a component's log, for failure messages. */
    public String logTail(String component, int lines) {
        return String.join("\n", LogTail.lastLines(home.logFile(component), lines));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies what is written to both streams. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
