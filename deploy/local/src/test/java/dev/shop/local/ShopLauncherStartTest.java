package dev.shop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./shop start} on a tree that is not built: the launcher builds once, then starts. */
class ShopLauncherStartTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private LocalStack stack;

    @AfterEach
    void stopWhatWasStarted() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void aMissingArtifactIsBuiltOnceAndThenTheStackStarts() {
        Path artifact = root.resolve("svc/target/svc.jar");
        AtomicInteger builds = new AtomicInteger();
        ShopLauncher launcher = launcher(artifact, () -> {
            builds.incrementAndGet();
            Files.createDirectories(artifact.getParent());
            Files.writeString(artifact, "built");
            return 0;
        });

        assertThat(launcher.run(List.of("start", "-d"))).as(text(err)).isZero();

        assertThat(builds).hasValue(1);
        assertThat(text(err)).contains("not built yet: " + artifact);
        assertThat(text(out)).contains("svc is up").contains("READY");
        assertThat(new PidRegistry(new StackHome(root)).runningComponent("svc")).isPresent();

        // built now: a second start after a stop does not build again
        assertThat(stack.stop()).isZero();
        assertThat(launcher.run(List.of("start", "-d"))).as(text(err)).isZero();
        assertThat(builds).hasValue(1);
    }

    @Test
    void aFailedBuildStartsNothing() {
        Path artifact = root.resolve("svc/target/svc.jar");
        ShopLauncher launcher = launcher(artifact, () -> 1);

        assertThat(launcher.run(List.of("start", "-d"))).isEqualTo(1);

        assertThat(text(err)).contains("the build failed");
        assertThat(text(out)).doesNotContain("starting svc");
    }

    @Test
    void aBuildThatLeavesTheArtifactMissingIsAFailureNotALoop() {
        Path artifact = root.resolve("svc/target/svc.jar");
        AtomicInteger builds = new AtomicInteger();
        ShopLauncher launcher = launcher(artifact, () -> {
            builds.incrementAndGet();
            return 0;
        });

        assertThat(launcher.run(List.of("start", "-d"))).isEqualTo(1);

        assertThat(builds).hasValue(1);
        assertThat(text(out)).doesNotContain("starting svc");
    }

    @Test
    void theBuildCoversTheModulesOfTheMissingArtifactsAndNeverTheLaunchersOwn() {
        assertThat(ShopLauncher.buildCommand(List.of("cart-service/target/quarkus-app/quarkus-run.jar",
                "gateway/target/quarkus-app/quarkus-run.jar")))
                .containsSubsequence("./mvnw", "package", "-DskipTests")
                .containsSequence("-pl", "cart-service,gateway", "-am")
                .noneMatch(argument -> argument.contains("deploy/local"));
    }

    private ShopLauncher launcher(Path artifact, ShopLauncher.Build build) {
        Component fake = TestComponents.fake("svc", Stage.SERVICES, TestComponents.freePort());
        Component component = new Component(fake.name(), fake.stage(), artifact.toString(), fake.javaArguments(),
                fake.environment(), fake.ports(), fake.health());
        StackHome home = new StackHome(root);
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        stack = new LocalStack(home, List.of(component), Map.of("SHOP_DATA_DIR", root.toString()),
                Duration.ofSeconds(60), Duration.ofSeconds(10), "READY", outStream, errStream);
        return new ShopLauncher(home, stack, outStream, errStream, build);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
