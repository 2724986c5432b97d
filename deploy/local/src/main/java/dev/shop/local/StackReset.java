package dev.shop.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * {@code ./shop reset [--yes]}: stops the stack and deletes {@code ./data} (databases, Kafka log, keys, logs, OTP and
 * SMS logs), after the user typed {@code yes}; {@code --yes} skips the question for scripts. The next start begins
 * from scratch: demo data and demo accounts are created again, and earlier tokens no longer verify (new keys).
 */
public final class StackReset {

    private StackReset() {
    }

    /**
     * @param stop stops the stack, returning its exit code
     * @param answers the user's input; {@code null} when there is no terminal to ask
     */
    static int command(StackHome home, List<String> options, IntSupplier stop, BufferedReader answers,
            PrintStream out, PrintStream err) {
        boolean yes = options.contains("--yes") || options.contains("-y");
        if (options.stream().anyMatch(o -> !o.equals("--yes") && !o.equals("-y"))) {
            err.println("shop: reset takes only --yes");
            return 2;
        }
        Path data = home.dataDir();
        if (!yes) {
            if (answers == null) {
                err.println("shop: reset deletes " + data + "; run ./shop reset --yes when there is no terminal to "
                        + "confirm it");
                return 2;
            }
            out.print("This stops the stack and deletes " + data + " (every database, the Kafka log, keys, logs). "
                    + "Type yes to go on: ");
            out.flush();
            String answer;
            try {
                answer = answers.readLine();
            } catch (IOException e) {
                answer = null;
            }
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).equals("yes")) {
                out.println("nothing deleted");
                return 1;
            }
        }
        int stopped = stop.getAsInt();
        if (stopped != 0) {
            err.println("shop: the stack did not stop cleanly; nothing deleted");
            return stopped;
        }
        if (!Files.exists(data)) {
            out.println(data + " does not exist; nothing to delete");
            return 0;
        }
        deleteTree(data);
        out.println("deleted " + data + "; ./shop start begins from scratch");
        return 0;
    }

    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }
}
