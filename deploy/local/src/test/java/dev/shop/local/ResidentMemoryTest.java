package dev.shop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResidentMemoryTest {

    @TempDir
    Path dir;

    @Test
    void readsVmRssOfAProcStatusFile() {
        assertThat(ResidentMemory.parse("Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  183264 kB\nThreads:\t40\n"))
                .hasValue(183264L * 1024);
        assertThat(ResidentMemory.parse("Name:\tjava\n")).isEmpty();
        assertThat(ResidentMemory.parse(null)).isEmpty();
    }

    @Test
    void theLaunchersOwnProcessHasSomeOnLinux() {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return; // not Linux: status prints "-"
        }
        assertThat(ResidentMemory.of(ProcessHandle.current().pid()).orElse(0)).isGreaterThan(1024L * 1024);
    }

    @Test
    void labelsInMegabytesOrGigabytes() {
        assertThat(ResidentMemory.label(183L * 1024 * 1024)).isEqualTo("183 MB");
        assertThat(ResidentMemory.label(1536L * 1024 * 1024)).isEqualTo("1.50 GB");
    }

    @Test
    void aStartRecordSurvivesTheFileAndABrokenOneReadsAsNone() throws Exception {
        Path file = dir.resolve("run/start.properties");
        StartRecord record = new StartRecord(Instant.parse("2026-12-02T01:00:00Z"), Duration.ofMillis(14_200),
                Map.of("infra", Duration.ofMillis(2_100), "gateway", Duration.ofMillis(9_800)));
        StartRecord.write(file, record);

        assertThat(StartRecord.read(file)).hasValue(record);
        Files.writeString(file, "startedAt=yesterday\n");
        assertThat(StartRecord.read(file)).isEmpty();
        assertThat(StartRecord.read(dir.resolve("absent"))).isEmpty();
    }
}
