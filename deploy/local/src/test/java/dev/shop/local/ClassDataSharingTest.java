package dev.shop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {

    @TempDir
    Path root;

    @Test
    void aServiceRecordsItsArchiveUntilOneNewerThanItsJarExistsThenUsesIt() throws Exception {
        StackHome home = new StackHome(root);
        Component auth = Component.quarkusService("auth", "auth-service/target/quarkus-app/quarkus-run.jar",
                new StackPorts.ServicePorts(8081, 9081), Stage.SERVICES, Map.of());
        Path jar = home.resolve(auth.artifact());
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Path archive = ClassDataSharing.archive(home, auth);

        assertThat(ClassDataSharing.arguments(home, auth)).contains("-XX:ArchiveClassesAtExit=" + archive);
        assertThat(archive.getParent()).isDirectory();

        Files.writeString(archive, "archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(ClassDataSharing.arguments(home, auth)).contains("-XX:SharedArchiveFile=" + archive);

        // a rebuilt jar makes the archive stale: recorded again
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(ClassDataSharing.arguments(home, auth)).contains("-XX:ArchiveClassesAtExit=" + archive);
        assertThat(archive).doesNotExist();
    }

    @Test
    void theInfrastructureProcessHasAnArchiveOfItsOwn() throws Exception {
        StackHome home = new StackHome(root);
        Component infra = Component.infrastructure("infra", Components.LAUNCHER_JAR, InfraSettings.standard());
        Path jar = home.resolve(infra.artifact());
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Path archive = ClassDataSharing.archive(home, infra);

        assertThat(archive.getFileName()).hasToString("infra.jsa");
        assertThat(ClassDataSharing.arguments(home, infra)).contains("-XX:ArchiveClassesAtExit=" + archive);
        assertThat(ClassDataSharing.isRecording(home, infra)).isTrue();

        Files.writeString(archive, "archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(ClassDataSharing.arguments(home, infra)).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(ClassDataSharing.isRecording(home, infra)).isFalse();
    }
}
