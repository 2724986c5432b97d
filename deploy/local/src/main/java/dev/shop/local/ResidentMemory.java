package dev.shop.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/** A process's resident set size, read from {@code /proc/<pid>/status} (Linux; empty elsewhere). */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** Bytes resident in memory, if the platform tells. */
    public static OptionalLong of(long pid) {
        return parse(read(Path.of("/proc", String.valueOf(pid), "status")));
    }

    static OptionalLong parse(String status) {
        if (status == null) {
            return OptionalLong.empty();
        }
        for (String line : status.split("\n")) {
            // "VmRSS:	  183264 kB"
            if (line.startsWith("VmRSS:")) {
                String[] fields = line.substring("VmRSS:".length()).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(fields[0]) * 1024);
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /** {@code 183 MB}, {@code 1.42 GB}. */
    static String label(long bytes) {
        double mb = bytes / (1024.0 * 1024.0);
        return mb >= 1024 ? String.format(Locale.ROOT, "%.2f GB", mb / 1024) : String.format(Locale.ROOT, "%.0f MB", mb);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
