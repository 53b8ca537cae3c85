package io.cnn4j.examples.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Output-file helpers for the commands: atomic writes (delegating to core's {@link io.cnn4j.io.AtomicFiles}) and an
 * early check that an output folder is writable.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes {@code bytes} to {@code target} atomically (see {@link io.cnn4j.io.AtomicFiles}). */
    public static void write(Path target, byte[] bytes) throws IOException {
        io.cnn4j.io.AtomicFiles.write(target, bytes);
    }

    /** Streams content to {@code target} atomically (see {@link io.cnn4j.io.AtomicFiles}). */
    public static void write(Path target, io.cnn4j.io.AtomicFiles.Writer writer) throws IOException {
        io.cnn4j.io.AtomicFiles.write(target, writer);
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
