package dev.shop.auth.persistence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read, for secrets (signing keys, the OTP hash key) and the local OTP log: created with
 * those permissions by the call that creates them, so there is no moment in which another user could open a file that
 * already holds a secret (writing first and restricting afterwards leaves exactly that moment). Folders are created
 * {@code rwx------}. On a file system without POSIX permissions (Windows) the folder's ACL applies.
 */
public final class OwnerOnlyFiles {

    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    /** Receives the stream of a file that already has its final permissions. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private OwnerOnlyFiles() {
    }

    /** Creates {@code dir} and its missing parents, each owner-only. */
    public static void createFolder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Creates a new file (failing if it exists) owner-only and writes it. */
    public static void createNew(Path file, Writer writer) throws IOException {
        write(file, writer, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Appends to a file, creating it owner-only when it does not exist yet. */
    public static void append(Path file, Writer writer) throws IOException {
        write(file, writer, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** A new, empty owner-only temporary file next to {@code file}. */
    public static Path createTemp(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        return posix() ? Files.createTempFile(parent, ".key-", ".tmp", PosixFilePermissions.asFileAttribute(FILE))
                : Files.createTempFile(parent, ".key-", ".tmp");
    }

    private static void write(Path file, Writer writer, OpenOption... options) throws IOException {
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE) }
                : new FileAttribute<?>[0];
        try (OutputStream out = Channels.newOutputStream(
                Files.newByteChannel(file, Set.of(options), attributes))) {
            writer.write(out);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
