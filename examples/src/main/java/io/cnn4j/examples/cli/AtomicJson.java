package io.cnn4j.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes JSON files atomically: to a temporary file in the target's directory, then renamed over the target, so a
 * reader never sees a half-written file and an existing file survives a failed write.
 */
public final class AtomicJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AtomicJson() {}

    /**
     * Fails early (before a long run) when {@code file} cannot be written: its directory must exist and be writable,
     * and the file itself must not be a directory or read-only.
     */
    public static void checkWritable(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) throw new CliException("cannot write JSON to " + abs + ": it is a directory; give a file name");
        if (dir == null || !Files.isDirectory(dir))
            throw new CliException("cannot write JSON to " + abs + ": directory " + dir + " does not exist; create it first");
        if (!Files.isWritable(dir))
            throw new CliException("cannot write JSON to " + abs + ": directory " + dir + " is not writable; choose another path");
        if (Files.exists(abs) && !Files.isWritable(abs))
            throw new CliException("cannot write JSON to " + abs + ": the file is read-only; choose another path");
    }

    /** Serialises {@code value} with Jackson and replaces {@code file} atomically. */
    public static void write(Path file, Object value) {
        Path abs = file.toAbsolutePath().normalize();
        checkWritable(abs);
        try {
            io.cnn4j.io.AtomicFiles.write(abs, out -> MAPPER.writeValue(out, value));
        } catch (IOException e) {
            throw new CliException("cannot write JSON to " + abs + ": " + e.getMessage(), e);
        }
    }
}
