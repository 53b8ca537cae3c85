package io.cnn4j.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one way cnn4j writes files: content goes to a temporary sibling of the target, is forced to disk, and is
 * then renamed over the target. A crash or error mid-write leaves any previous file untouched and no half-written
 * file behind. Outputs get the usual {@code rw-r--r--} permissions (temporary files are created owner-only).
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

    /** Streams content to a temporary sibling of {@code target}, forces it to disk, then renames it over {@code target}. */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            makeWorldReadable(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                // The writer may close its stream (Jackson does): keep the channel open for force().
                OutputStream out = new FilterOutputStream(Channels.newOutputStream(ch)) {
                    @Override public void write(byte[] b, int off, int len) throws IOException { this.out.write(b, off, len); }
                    @Override public void close() throws IOException { flush(); }
                };
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot write " + abs + " atomically: the file system does not support atomic rename; "
                        + "write to a local folder instead", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void makeWorldReadable(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: keep the default permissions
        }
    }

    /**
     * Deletes the temporary files that {@link #write} leaves behind when its process is killed mid-write
     * ({@code .<target name>.<digits>.tmp} directly in {@code dir}); returns the deleted paths. Only names of that
     * exact form are touched, so a checkpoint or any other file is never mistaken for one. Call it when no other
     * process is writing into {@code dir}, e.g. at the start of a run that owns the folder. A missing folder has
     * none.
     */
    public static List<Path> removeStaleTemporaries(Path dir) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) return removed;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> TEMPORARY.matcher(p.getFileName().toString()).matches()
                && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path p : s) if (Files.deleteIfExists(p)) removed.add(p);
        }
        return removed;
    }

    /** The names {@link Files#createTempFile} gives with prefix {@code .<name>.} and suffix {@code .tmp}. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9]+\\.tmp");
}
