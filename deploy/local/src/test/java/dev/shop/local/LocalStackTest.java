package dev.shop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private LocalStack lastStack;

    @AfterEach
    void leaveNothingRunning() {
        if (lastStack != null) {
            lastStack.stop();
        }
    }

    @Test
    void aTakenPortIsNamedWithItsComponentAndNothingStarts() throws Exception {
        Set<Long> childrenBefore = childPids();
        int taken = TestComponents.freePort();
        try (ServerSocket squatter = new ServerSocket(taken, 50, InetAddress.getLoopbackAddress())) {
            LocalStack stack = stack(List.of(
                    TestComponents.fake("auth", Stage.SERVICES, TestComponents.freePort()),
                    TestComponents.fake("catalog", Stage.SERVICES, taken)), Duration.ofSeconds(30));

            int exitCode = stack.start(true);

            assertThat(exitCode).isNotZero();
            assertThat(err()).isEqualTo("shop: port " + taken + " (catalog) is already in use" + System.lineSeparator());
            assertThat(out()).isEmpty();
            assertThat(root.resolve("data/run")).doesNotExist();
            assertThat(root.resolve("data/logs")).doesNotExist();
            assertThat(childPids()).isEqualTo(childrenBefore);
        }
    }

    @Test
    void aPortHeldOnTheWildcardAddressCountsAsTakenToo() throws Exception {
        int taken = TestComponents.freePort();
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(taken));

            assertThat(PortConflict.findFirst(List.of(TestComponents.fake("gateway", Stage.GATEWAY, taken))))
                    .hasValue(new PortConflict(taken, "gateway"));
        }
        assertThat(PortConflict.findFirst(List.of(TestComponents.fake("gateway", Stage.GATEWAY, taken)))).isEmpty();
    }

    @Test
    void startsStageByStageDetachesAndIsStoppedInReverseOrderFromAnotherLauncher() throws Exception {
        List<Component> components = List.of(
                TestComponents.fake("infra", Stage.INFRASTRUCTURE, TestComponents.freePort()),
                TestComponents.fake("svc", Stage.SERVICES, TestComponents.freePort()),
                TestComponents.fake("gw", Stage.GATEWAY, TestComponents.freePort()));
        LocalStack stack = stack(components, Duration.ofSeconds(60));

        assertThat(stack.start(true)).as(err()).isZero();

        assertThat(out()).contains("READY").containsPattern("ready in [0-9]+\\.[0-9] s");
        assertThat(out().indexOf("infra is up")).isLessThan(out().indexOf("starting svc"));
        // the gateway does not wait for the services: it is launched with them
        assertThat(out().indexOf("starting gw")).isLessThan(out().indexOf("svc is up"));
        PidRegistry pids = new PidRegistry(new StackHome(root));
        ProcessHandle service = pids.runningComponent("svc").orElseThrow();
        ProcessHandle gateway = pids.runningComponent("gw").orElseThrow();
        assertThat(Files.readString(root.resolve("data/logs/gw.log")))
                .contains("shop: starting gw").contains("fake service starting");

        out.reset();
        assertThat(stack.status()).isZero();
        assertThat(out()).containsPattern("svc +" + service.pid() + " .* running +UP +[0-9]+\\.[0-9] s +[0-9]+ MB")
                .containsPattern("gw +" + gateway.pid() + " .* running +UP +[0-9]+\\.[0-9] s +[0-9]+ MB")
                .containsPattern("stack: ready [0-9]+\\.[0-9] s after the start at .*; resident memory [0-9.]+ [MG]B");

        err.reset();
        assertThat(stack(components, Duration.ofSeconds(60)).start(true)).isNotZero();
        assertThat(err()).contains("already running");

        out.reset();
        LocalStack anotherLauncher = stack(components, Duration.ofSeconds(60));
        assertThat(anotherLauncher.stop()).isZero();

        assertThat(out().indexOf("stopping gw")).isLessThan(out().indexOf("stopping svc"));
        assertThat(service.isAlive()).isFalse();
        assertThat(gateway.isAlive()).isFalse();
        assertThat(root.resolve("data/run/svc.pid")).doesNotExist();
        assertThat(root.resolve("data/run/gw.pid")).doesNotExist();
        assertThat(out().indexOf("stopping svc")).isLessThan(out().indexOf("stopping infra"));

        out.reset();
        assertThat(anotherLauncher.stop()).isZero();
        assertThat(out()).contains("not running");
    }

    @Test
    void aTreeNotBuiltYetIsToldApartSoTheScriptBuildsAndStartsAgain() {
        Component built = TestComponents.fake("svc", Stage.SERVICES, TestComponents.freePort());
        Component unbuilt = new Component("gw", Stage.GATEWAY, root.resolve("gateway/target/nothing.jar").toString(),
                built.javaArguments(), built.environment(), List.of(TestComponents.freePort()), built.health());
        LocalStack stack = stack(List.of(built, unbuilt), Duration.ofSeconds(60));

        assertThat(stack.start(true)).isEqualTo(LocalStack.NOT_BUILT);

        assertThat(err()).contains("not built yet: " + unbuilt.artifact());
        assertThat(out()).doesNotContain("starting svc");
        assertThat(new PidRegistry(new StackHome(root)).runningComponent("svc")).isEmpty();
    }

    @Test
    void aComponentThatDiesWhileStartingStopsTheRestAndShowsItsLog() {
        LocalStack stack = stack(List.of(
                TestComponents.fake("svc", Stage.SERVICES, TestComponents.freePort()),
                TestComponents.fake("gw", Stage.GATEWAY, TestComponents.freePort(), Map.of("FAKE_FAIL", "yes"))),
                Duration.ofSeconds(60));

        assertThat(stack.start(true)).isNotZero();

        assertThat(err()).contains("gw failed to start: exited with code 3")
                .contains("fake service failing on purpose");
        assertThat(out()).contains("stopping svc").doesNotContain("READY");
        assertThat(new PidRegistry(new StackHome(root)).runningComponent("svc")).isEmpty();
        assertThat(root.resolve("data/run")).isEmptyDirectory();
    }

    @Test
    void aComponentThatNeverBecomesHealthyFailsTheStartWhenTheTimeRunsOut() {
        int port = TestComponents.freePort();
        Component neverReady = TestComponents.fake("svc", Stage.SERVICES, port);
        Component probedElsewhere = new Component(neverReady.name(), neverReady.stage(), neverReady.artifact(),
                neverReady.javaArguments(), neverReady.environment(), neverReady.ports(),
                HealthCheck.http(port, "/not-there"));
        LocalStack stack = stack(List.of(probedElsewhere), Duration.ofSeconds(2));

        assertThat(stack.start(true)).isNotZero();

        assertThat(err()).contains("svc failed to start: not healthy within 2 s");
        assertThat(root.resolve("data/run")).isEmptyDirectory();
    }

    @Test
    void oneComponentIsKilledHardAndRestartedWhileTheOthersKeepRunning() {
        List<Component> components = List.of(
                TestComponents.fake("svc", Stage.SERVICES, TestComponents.freePort()),
                TestComponents.fake("gw", Stage.GATEWAY, TestComponents.freePort()));
        LocalStack stack = stack(components, Duration.ofSeconds(60));
        assertThat(stack.start(true)).as(err()).isZero();
        PidRegistry pids = new PidRegistry(new StackHome(root));
        ProcessHandle gateway = pids.runningComponent("gw").orElseThrow();
        ProcessHandle first = pids.runningComponent("svc").orElseThrow();

        stack.killHard("svc");

        assertThat(first.isAlive()).isFalse();
        assertThat(pids.runningComponent("svc")).isEmpty();
        assertThat(components.get(0).health().isUp()).isFalse();
        assertThat(gateway.isAlive()).isTrue();
        assertThat(stack.restart("gw")).as("a running component").hasValueSatisfying(
                reason -> assertThat(reason).contains("still running"));

        assertThat(stack.restart("svc")).as(err()).isEmpty();

        ProcessHandle second = pids.runningComponent("svc").orElseThrow();
        assertThat(second.pid()).isNotEqualTo(first.pid());
        assertThat(components.get(0).health().isUp()).isTrue();
        assertThat(out()).contains("killing svc (pid " + first.pid() + ") with SIGKILL");
        assertThat(stack.stop()).isZero();
        assertThat(second.isAlive()).isFalse();
        assertThat(gateway.isAlive()).isFalse();
    }

    private LocalStack stack(List<Component> components, Duration startTimeout) {
        lastStack = new LocalStack(new StackHome(root), components, Map.of("SHOP_DATA_DIR", root.toString()),
                startTimeout, Duration.ofSeconds(10), "READY", new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return lastStack;
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
