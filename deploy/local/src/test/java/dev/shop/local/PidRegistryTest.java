package dev.shop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidRegistryTest {

    @TempDir
    Path root;

    @Test
    void aRecycledPidOfAnUnrelatedProcessIsNeitherTrustedNorSignalled() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "30").start();
        try {
            StackHome home = new StackHome(root);
            PidRegistry pids = new PidRegistry(home);
            pids.write("auth", unrelated.pid());

            assertThat(pids.runningComponent("auth")).isEmpty();
            assertThat(home.pidFile("auth")).as("stale pid file").doesNotExist();

            pids.write("auth", unrelated.pid());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LocalStack stack = new LocalStack(home, List.of(TestComponents.fake("auth", Stage.SERVICES, 1)),
                    Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(5), "", new PrintStream(out, true,
                            StandardCharsets.UTF_8),
                    System.err);
            assertThat(stack.stop()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("not running");
            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void thisJvmIsNotAComponentEvenThoughItIsJava() {
        PidRegistry pids = new PidRegistry(new StackHome(root));
        pids.write("infra", ProcessHandle.current().pid());

        assertThat(pids.runningComponent("infra")).isEmpty();
        assertThat(pids.runningLauncher()).isEmpty();
    }

    @Test
    void aProcessIsOursOnlyWithTheComponentMarkerAndThisStacksHome() throws Exception {
        StackHome home = new StackHome(root);
        Process ours = new ProcessBuilder(javaWithMarkers("auth", home.root().toString())).start();
        try {
            PidRegistry pids = new PidRegistry(home);
            pids.write("auth", ours.pid());
            pids.write("cart", ours.pid());

            assertThat(pids.runningComponent("auth")).map(ProcessHandle::pid).hasValue(ours.pid());
            assertThat(pids.runningComponent("cart")).as("another component's marker").isEmpty();
            PidRegistry otherCheckout = new PidRegistry(new StackHome(root.resolve("elsewhere")));
            otherCheckout.write("auth", ours.pid());
            assertThat(otherCheckout.runningComponent("auth")).as("another checkout's home").isEmpty();
        } finally {
            ours.destroyForcibly().waitFor();
        }
    }

    @Test
    void aStackWithADataFolderOfItsOwnDoesNotClaimTheProcessesOfTheUsualOne() throws Exception {
        StackHome usual = new StackHome(root);
        StackHome second = new StackHome(root, root.resolve("elsewhere/data"));
        List<String> command = new java.util.ArrayList<>(javaWithMarkers("auth", usual.root().toString()));
        Process ofTheUsualStack = new ProcessBuilder(command).start();
        command.add(1, "-Dshop.data=" + second.dataDir());
        Process ofTheSecondStack = new ProcessBuilder(command).start();
        try {
            assertThat(PidRegistry.stackMarkers(usual)).containsExactly("-Dshop.home=" + root.toAbsolutePath());
            assertThat(PidRegistry.stackMarkers(second)).containsExactly("-Dshop.home=" + root.toAbsolutePath(),
                    "-Dshop.data=" + second.dataDir());
            PidRegistry pids = new PidRegistry(second);
            pids.write("auth", ofTheUsualStack.pid());
            assertThat(pids.runningComponent("auth")).isEmpty();
            pids.write("auth", ofTheSecondStack.pid());
            assertThat(pids.runningComponent("auth")).map(ProcessHandle::pid).hasValue(ofTheSecondStack.pid());
            assertThat(second.pidFile("auth")).isEqualTo(root.resolve("elsewhere/data/run/auth.pid"));
        } finally {
            ofTheUsualStack.destroyForcibly().waitFor();
            ofTheSecondStack.destroyForcibly().waitFor();
        }
    }

    @Test
    void markersMatchWholeArgumentsOrTheEndOfAPath() {
        List<String> markers = List.of("-Dshop.home=/repo", "deploy/local/target/shop-local.jar");

        assertThat(PidRegistry.commandLineMatches(
                List.of("-Dshop.home=/repo", "-jar", "/repo/deploy/local/target/shop-local.jar", "start"), markers))
                .isTrue();
        assertThat(PidRegistry.commandLineMatches(
                List.of("-Dshop.home=/repo", "-jar", "deploy/local/target/shop-local.jar"), markers)).isTrue();
        assertThat(PidRegistry.commandLineMatches(
                List.of("-Dshop.home=/repo/other", "-jar", "deploy/local/target/shop-local.jar"), markers)).isFalse();
        assertThat(PidRegistry.commandLineMatches(
                List.of("-Dshop.home=/repo", "-jar", "deploy/local/target/shop-local.jar.bak"), markers)).isFalse();
    }

    private static List<String> javaWithMarkers(String component, String home) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                PidRegistry.componentMarker(component), "-Dshop.home=" + home, "-Xmx32m", "-cp",
                TestComponents.testClasses().toString(), SleepingMain.class.getName());
    }
}
