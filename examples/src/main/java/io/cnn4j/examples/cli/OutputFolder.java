package io.cnn4j.examples.cli;


import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The early check that a command will be able to write into an output folder, without creating it: a run that
 * fails on its inputs must not leave an empty folder behind. The folder itself is created by the first atomic
 * write into it ({@link io.cnn4j.io.AtomicFiles#write}).
 */
public final class OutputFolder {
    private OutputFolder() {}

    /**
     * Throws {@link CliException} naming {@code option} unless {@code dir} is a writable directory, or does
     * not exist yet and its nearest existing ancestor is a writable directory.
     */
    public static void checkWritable(Path dir, String option) {
        Path abs = dir.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing))
            throw new CliException(option + " " + dir + " is not a writable directory ("
                    + (existing == null ? "no existing parent" : existing + (Files.isDirectory(existing) ? " is read-only" : " is not a directory"))
                    + "); choose another folder with " + option);
    }
}
