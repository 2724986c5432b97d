package dev.shop.auth.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.shop.auth.application.OtpDelivery;
import dev.shop.auth.client.ConsoleOtpSender;
import dev.shop.auth.domain.OtpChannel;
import dev.shop.auth.domain.OtpPurpose;
import dev.shop.kit.validation.PhoneNumber;

/** Secrets on disk are owner-only from the moment the file exists, not from after it was written. */
class OwnerOnlyFilesTest {

    private static final Set<PosixFilePermission> RW = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> RWX = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    @TempDir
    Path dir;

    @Test
    void aNewFileIsOwnerOnlyBeforeItsFirstByte() throws Exception {
        Path file = dir.resolve("secret.key");
        AtomicReference<Set<PosixFilePermission>> atFirstByte = new AtomicReference<>();
        OwnerOnlyFiles.createNew(file, out -> {
            atFirstByte.set(Files.getPosixFilePermissions(file));
            out.write("s3cret".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(atFirstByte.get()).isEqualTo(RW);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(RW);
        assertThat(Files.readString(file)).isEqualTo("s3cret");
    }

    @Test
    void theKeyFolderAndEveryKeyFileAreOwnerOnly() throws Exception {
        Path keys = dir.resolve("data").resolve("keys");
        SigningKeyStore store = SigningKeyStore.inFolder(keys);
        store.rotate();
        assertThat(Files.getPosixFilePermissions(keys)).isEqualTo(RWX);
        assertThat(Files.getPosixFilePermissions(keys.getParent())).isEqualTo(RWX);
        try (var files = Files.list(keys)) {
            files.forEach(f -> {
                try {
                    assertThat(Files.getPosixFilePermissions(f)).as(f.toString()).isEqualTo(RW);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    @Test
    void theLocalOtpLogHoldingLiveCodesIsOwnerOnly() throws Exception {
        Path log = dir.resolve("otp").resolve("dev-otp.log");
        ConsoleOtpSender sender = new ConsoleOtpSender(log);
        sender.send(new OtpDelivery(new PhoneNumber("+919876543210"), "123456", OtpPurpose.LOGIN, OtpChannel.SMS))
                .await().indefinitely();
        assertThat(Files.getPosixFilePermissions(log)).isEqualTo(RW);
        assertThat(Files.getPosixFilePermissions(log.getParent())).isEqualTo(RWX);
        assertThat(Files.readString(log)).startsWith("+919876543210 123456 login ");
    }
}
