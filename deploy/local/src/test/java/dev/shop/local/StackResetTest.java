package dev.shop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackResetTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicInteger stops = new AtomicInteger();
    private StackHome home;

    @BeforeEach
    void someData() throws Exception {
        home = new StackHome(root);
        Files.createDirectories(home.dataDir().resolve("mongo/db"));
        Files.writeString(home.dataDir().resolve("mongo/db/shop_auth.mv.db"), "data");
        Files.createDirectories(home.logsDir());
        Files.writeString(home.logFile("auth"), "log");
        Files.writeString(root.resolve("README.md"), "not data");
    }

    @Test
    void deletesTheDataFolderAfterTheUserTypedYesAndStopsTheStackFirst() {
        assertThat(reset(List.of(), "yes\n")).isZero();

        assertThat(stops).hasValue(1);
        assertThat(home.dataDir()).doesNotExist();
        assertThat(root.resolve("README.md")).exists();
        assertThat(text(out)).contains("Type yes").contains("deleted");
    }

    @Test
    void anyOtherAnswerOrNoAnswerDeletesNothing() {
        assertThat(reset(List.of(), "y\n")).isEqualTo(1);
        assertThat(reset(List.of(), "")).isEqualTo(1);

        assertThat(stops).hasValue(0);
        assertThat(home.logFile("auth")).exists();
        assertThat(text(out)).contains("nothing deleted");
    }

    @Test
    void withoutATerminalItNeedsYesOnTheCommandLine() {
        assertThat(StackReset.command(home, List.of(), this::stop, null, stream(out), stream(err))).isEqualTo(2);
        assertThat(home.dataDir()).exists();
        assertThat(text(err)).contains("--yes");

        assertThat(StackReset.command(home, List.of("--yes"), this::stop, null, stream(out), stream(err))).isZero();
        assertThat(home.dataDir()).doesNotExist();
        assertThat(stops).hasValue(1);
    }

    @Test
    void aStackThatDoesNotStopKeepsItsData() {
        assertThat(StackReset.command(home, List.of("--yes"), () -> 1, null, stream(out), stream(err))).isEqualTo(1);
        assertThat(home.dataDir()).exists();
    }

    @Test
    void unknownOptionsAreRefused() {
        assertThat(reset(List.of("--force"), "yes\n")).isEqualTo(2);
        assertThat(home.dataDir()).exists();
    }

    private int reset(List<String> options, String typed) {
        return StackReset.command(home, options, this::stop, new BufferedReader(new StringReader(typed)), stream(out),
                stream(err));
    }

    /** A stack that stops cleanly. */
    private int stop() {
        stops.incrementAndGet();
        return 0;
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
