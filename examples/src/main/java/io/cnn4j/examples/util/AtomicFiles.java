package io.cnn4j.examples.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files atomically: the content goes to a temporary file in the same folder, which is then renamed over
 * the target. A crash or error mid-write leaves any previous file untouched and no half-written file behind.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Streams content to a temporary sibling of {@code target}, then renames it over {@code target}. */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            makeWorldReadable(tmp);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Temp files are created owner-only; outputs should get the usual rw-r--r-- (where POSIX permissions exist). */
    private static void makeWorldReadable(Path p) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: keep the default permissions
        }
    }

    /**
     * Checks that {@code dir} exists (creating it if needed) and that a file can be created in it, so a command
     * fails before hours of training rather than at the end. Throws {@link UserInputException} otherwise.
     */
    public static void requireWritableDirectory(Path dir, String optionName) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".cnn4j-write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserInputException(optionName + " " + dir + " is not a writable directory (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); choose another folder with " + optionName);
        }
    }
}
