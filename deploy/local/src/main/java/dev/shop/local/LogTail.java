package dev.shop.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Reads the end of a component's log file, once or following it as it grows. */
public final class LogTail {

    private LogTail() {
    }

    /** The last {@code count} lines; an empty list if the file does not exist. Undecodable bytes are replaced. */
    public static List<String> lastLines(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Deque<String> lines = new ArrayDeque<>(count);
        try (InputStream in = Files.newInputStream(file);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (lines.size() == count) {
                    lines.removeFirst();
                }
                lines.addLast(line);
            }
        } catch (IOException e) {
            return List.of("(could not read " + file + ": " + e.getMessage() + ")");
        }
        return List.copyOf(lines);
    }

    /** Prints the last lines, then whatever is appended, until the process is interrupted (Ctrl-C). */
    public static void follow(Path file, int count, PrintStream out) throws IOException, InterruptedException {
        lastLines(file, count).forEach(out::println);
        long position = Files.isRegularFile(file) ? Files.size(file) : 0;
        byte[] buffer = new byte[8192];
        while (true) {
            long size = Files.isRegularFile(file) ? Files.size(file) : 0;
            if (size < position) {
                position = 0; // truncated or recreated: start again from its beginning
            }
            if (size > position) {
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                    raf.seek(position);
                    for (int read = raf.read(buffer); read > 0; read = raf.read(buffer)) {
                        out.write(buffer, 0, read);
                        position += read;
                    }
                }
                out.flush();
            }
            Thread.sleep(300);
        }
    }
}
