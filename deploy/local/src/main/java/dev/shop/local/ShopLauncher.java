package dev.shop.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.shop.kit.messaging.DeadLetterTopics;

/**
 * The Java side of {@code ./shop}: {@code start [-d]}, {@code stop}, {@code status}, {@code logs <component> [-f]},
 * {@code otp <phone>}, {@code dlq [<topic> [replay | -n N]]}, {@code pay <orderId> [--fail [reason]]},
 * {@code sms [phone]}, {@code kafka stop|start|status}, {@code demo}, {@code reset [--yes]}, {@code help}. The
 * repository root comes from {@code -Dshop.home}.
 */
public final class ShopLauncher {

    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_LINES = 200;

    private static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ./shop <command>",
            "",
            "  start            start the whole local stack in the foreground (Ctrl-C stops it)",
            "  start -d         start it in the background and return once every component is healthy",
            "  stop             stop a running stack (gateway, then services, then infrastructure)",
            "  status           show each component's pid, port, state, health, time to ready and memory (RSS)",
            "  demo             run a scripted customer journey against the running stack, printing each step:",
            "                   register, browse, cart, order, confirmation (a smoke test)",
            "  reset [--yes]    stop the stack and delete ./data (asks first; --yes: no question)",
            "  logs <name> [-f] print the last " + LOG_LINES + " lines of a component's log (-f: keep following)",
            "  otp <phone>      print the last OTP code sent to that phone in local mode",
            "  dlq              list the dead-letter topics with how many records each holds and how many",
            "                   were not replayed yet",
            "  dlq <topic> [-n N]  print a dead-letter topic's records with their failure reason",
            "                   (topic: shop.dlq.<service>.<channel>, or just <service>.<channel>)",
            "  dlq <topic> replay  publish the records not replayed yet back to their original topic",
            "  kafka stop|start|status  stop the Kafka broker alone (MongoDB and the services keep running),",
            "                   start it again with the same data, or show whether it runs: a broker outage drill",
            "  pay <orderId> [--fail [reason]]",
            "                   pay a card order's open session as the fake-card provider would (signed webhook)",
            "  sms [phone]      the last SMS sent to customers (to that phone) in local mode",
            "  bench [options]  load-test the read path through the gateway and directly, write a report under",
            "                   bench/results/ (docs/performance.md; needs python3 and wrk)",
            "  help             this text",
            "",
            "Components: %s. Data, logs and pid files live in ./data.");

    /** Builds the tree (the launcher's start builds what is missing first); returns the build's exit code. */
    @FunctionalInterface
    interface Build {
        int run() throws IOException, InterruptedException;
    }

    private final StackHome home;
    private final LocalStack stack;
    private final PrintStream out;
    private final PrintStream err;
    private final Build build;

    ShopLauncher(StackHome home, LocalStack stack, PrintStream out, PrintStream err) {
        this(home, stack, out, err, () -> mavenBuild(home, stack.missingArtifacts(), err));
    }

    ShopLauncher(StackHome home, LocalStack stack, PrintStream out, PrintStream err, Build build) {
        this.home = home;
        this.stack = stack;
        this.out = out;
        this.err = err;
        this.build = build;
    }

    /**
     * The build {@code ./shop start} runs on a tree that is not built yet: the Maven wrapper's package, no tests, of the
     * modules whose artifacts are missing and what they need. Never the launcher's own module: this JVM runs from its
     * jar, and a rebuilt jar under a running JVM loses the classes it has not loaded yet (the {@code ./shop} script
     * builds everything when the launcher itself is missing).
     */
    static List<String> buildCommand(List<String> missingArtifacts) {
        String modules = missingArtifacts.stream()
                .map(artifact -> artifact.contains("/target/") ? artifact.substring(0, artifact.indexOf("/target/"))
                        : artifact)
                .distinct()
                .collect(Collectors.joining(","));
        return List.of("./mvnw", "-B", "-q", "package", "-DskipTests", "-Dformat.skip", "-pl", modules, "-am");
    }

    private static int mavenBuild(StackHome home, List<String> missingArtifacts, PrintStream err)
            throws IOException, InterruptedException {
        List<String> command = buildCommand(missingArtifacts);
        err.println("shop: building: " + String.join(" ", command)
                + " (the first build downloads dependencies and takes minutes)");
        return new ProcessBuilder(command).directory(home.root().toFile()).inheritIO().start().waitFor();
    }

    public static void main(String[] args) {
        StackHome home = StackHome.fromSystemProperty();
        LocalStack stack = new LocalStack(home, Components.standard(), Components.sharedEnvironment(home),
                START_TIMEOUT, STOP_GRACE, Components.READY_BANNER, System.out, System.err);
        System.exit(new ShopLauncher(home, stack, System.out, System.err).run(List.of(args)));
    }

    int run(List<String> args) {
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        switch (command) {
            case "start":
                return start(rest);
            case "stop":
                return stack.stop();
            case "status":
                return stack.status();
            case "logs":
                return logs(rest);
            case "otp":
                return otp(rest);
            case "dlq":
                return dlq(rest, new DeadLetterTopics(InfraSettings.standard().kafkaBootstrapServers()));
            case "kafka":
                return kafka(rest, new InfraControl(InfraSettings.standard()));
            case "pay":
                return FakeCardPayment.command(home, gatewayPort(), rest, out, err);
            case "sms":
                return SmsLog.command(home, rest, out, err);
            case "demo":
                if (!rest.isEmpty()) {
                    err.println("shop: demo takes no arguments");
                    return 2;
                }
                return new DemoJourney(URI.create("http://localhost:" + gatewayPort()),
                        phone -> OtpLog.latestFor(home.otpLog(), phone).map(OtpLog.Entry::code), out).run();
            case "reset":
                BufferedReader answers = System.console() == null ? null
                        : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                return StackReset.command(home, rest, stack::stop, answers, out, err);
            case "help":
            case "-h":
            case "--help":
                out.println(usage());
                return 0;
            default:
                err.println("shop: unknown command '" + command + "'");
                err.println(usage());
                return 2;
        }
    }

    private int start(List<String> options) {
        boolean detached = options.contains("-d") || options.contains("--detach");
        if (options.stream().anyMatch(o -> !o.equals("-d") && !o.equals("--detach"))) {
            err.println("shop: start takes only -d");
            return 2;
        }
        int status = stack.start(detached);
        if (status != LocalStack.NOT_BUILT) {
            return status;
        }
        int built;
        try {
            built = build.run();
        } catch (IOException e) {
            err.println("shop: the build could not be run: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (built != 0) {
            err.println("shop: the build failed; see the output above");
            return 1;
        }
        status = stack.start(detached);
        return status == LocalStack.NOT_BUILT ? 1 : status;
    }

    private int logs(List<String> options) {
        boolean follow = options.contains("-f");
        List<String> names = options.stream().filter(o -> !o.equals("-f")).collect(Collectors.toList());
        if (names.size() != 1) {
            err.println("shop: logs needs one component: " + componentNames());
            return 2;
        }
        Optional<Component> component = stack.component(names.get(0));
        if (component.isEmpty()) {
            err.println("shop: unknown component '" + names.get(0) + "'; valid names: " + componentNames());
            return 2;
        }
        var log = home.logFile(component.get().name());
        if (!follow && !log.toFile().isFile()) {
            err.println("shop: no log yet for " + component.get().name() + " (" + log + ")");
            return 1;
        }
        if (!follow) {
            LogTail.lastLines(log, LOG_LINES).forEach(out::println);
            return 0;
        }
        try {
            LogTail.follow(log, LOG_LINES, out);
            return 0;
        } catch (IOException e) {
            err.println("shop: cannot read " + log + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private int otp(List<String> options) {
        if (options.isEmpty()) {
            err.println("shop: otp needs a phone number, e.g. ./shop otp +919000000002");
            return 2;
        }
        // a number typed with spaces may arrive as several arguments
        String phone = String.join("", options);
        Optional<OtpLog.Entry> entry = OtpLog.latestFor(home.otpLog(), phone);
        if (entry.isEmpty()) {
            err.println("shop: no OTP sent to " + OtpLog.normalisePhone(phone) + " (looked in " + home.otpLog() + ")");
            return 1;
        }
        // the code alone on stdout so that scripts can capture it; the context goes to stderr
        out.println(entry.get().code());
        err.println("(" + entry.get().purpose() + ", sent " + entry.get().timestamp() + " to " + entry.get().phone()
                + ")");
        return 0;
    }

    int dlq(List<String> options, DeadLetterTopics topics) {
        try {
            if (options.isEmpty()) {
                List<String> names = topics.topics();
                if (names.isEmpty()) {
                    out.println("no dead-letter topics");
                }
                for (String name : names) {
                    DeadLetterTopics.Summary summary = topics.summary(name);
                    out.printf("%-50s %6d records  %6d not replayed%n", name, summary.total(), summary.pending());
                }
                return 0;
            }
            String topic = options.get(0).startsWith(DeadLetterTopics.PREFIX) ? options.get(0)
                    : DeadLetterTopics.PREFIX + options.get(0);
            List<String> rest = options.subList(1, options.size());
            if (rest.equals(List.of("replay"))) {
                out.println("replayed " + topics.replay(topic) + " record(s) of " + topic);
                return 0;
            }
            int limit = 100;
            if (rest.size() == 2 && rest.get(0).equals("-n") && rest.get(1).matches("[0-9]{1,6}")) {
                limit = Math.max(1, Integer.parseInt(rest.get(1)));
            } else if (!rest.isEmpty()) {
                err.println("shop: dlq <topic> takes replay or -n <count>");
                return 2;
            }
            for (DeadLetterTopics.DeadLetter letter : topics.list(topic, limit)) {
                out.printf("%s/%d@%d  %s  key=%s  from=%s%s%n    reason: %s%n    value: %s%n", letter.topic(),
                        letter.partition(), letter.offset(), letter.timestamp(), letter.key(), letter.originalTopic(),
                        letter.replayed() ? "  (replayed)" : "", letter.reason(), letter.value());
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("shop: dlq: " + e.getMessage() + " (is the stack running? ./shop status)");
            return 1;
        }
    }

    int kafka(List<String> options, InfraControl control) {
        if (options.size() != 1 || !List.of("stop", "start", "status").contains(options.get(0))) {
            err.println("shop: kafka takes stop, start or status");
            return 2;
        }
        try {
            switch (options.get(0)) {
                case "stop":
                    out.println("stopping the Kafka broker (MongoDB and the services keep running)");
                    out.println(control.stopKafka());
                    out.println("start it again with ./shop kafka start");
                    return 0;
                case "start":
                    out.println("starting the Kafka broker");
                    out.println(control.startKafka());
                    return 0;
                default:
                    out.println(control.kafkaState());
                    return 0;
            }
        } catch (IllegalStateException e) {
            err.println("shop: kafka: " + e.getMessage());
            return 1;
        }
    }

    private int gatewayPort() {
        return stack.component("gateway").map(c -> c.ports().get(0)).orElse(8080);
    }

    private String componentNames() {
        return stack.components().stream().map(Component::name).collect(Collectors.joining(", "));
    }

    private String usage() {
        return String.format(USAGE, componentNames());
    }
}
