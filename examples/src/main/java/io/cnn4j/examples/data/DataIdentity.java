package io.cnn4j.examples.data;

import io.cnn4j.examples.cli.CliException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a run was trained or validated on: where the images came from ({@code source}: an absolute folder path, or
 * {@code bundled:train} / {@code bundled:val}) and a SHA-256 over the image names and contents, so a resumed run
 * can tell whether it is given the same data.
 *
 * @param source the folder (absolute, normalised) or {@code bundled:<split>}
 * @param sha256 hex SHA-256 over, for every image in name order, its file name, a NUL, the SHA-256 of its bytes
 */
public record DataIdentity(String source, String sha256) {
    /** The prefix of bundled sources. */
    public static final String BUNDLED = "bundled:";

    /** The identity of a user's folder (the files {@link ImageSet#fromDirectory} would load), or of a bundled split when {@code dir} is null. */
    public static DataIdentity of(Path dir, String split) {
        return dir == null ? bundled(split) : folder(dir);
    }

    /** True for a bundled split. */
    public boolean isBundled() { return source.startsWith(BUNDLED); }

    /** The folder to load for this identity, or null for a bundled split. */
    public Path folder() { return isBundled() ? null : Path.of(source); }

    /** Short form for messages: the source and the first 12 hex digits of the hash. */
    @Override
    public String toString() { return source + " (sha256 " + sha256.substring(0, 12) + "…)"; }

    static DataIdentity folder(Path dir) {
        if (!Files.isDirectory(dir)) throw new CliException("image folder " + dir + " does not exist or is not a directory");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(ImageSet::isImageName).sorted().toList();
        } catch (IOException e) {
            throw new CliException("cannot list image folder " + dir + ": " + e.getMessage());
        }
        MessageDigest all = digest();
        for (Path f : files) {
            all.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            all.update((byte) 0);
            try (InputStream in = Files.newInputStream(f)) {
                MessageDigest one = digest();
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) one.update(buf, 0, n);
                all.update(one.digest());
            } catch (IOException e) {
                throw new CliException("cannot read image " + f + ": " + e.getMessage());
            }
        }
        return new DataIdentity(dir.toAbsolutePath().normalize().toString(), HexFormat.of().formatHex(all.digest()));
    }

    /** A bundled split is identified by its lines of the bundled SHA256SUMS, which fix every file's content. */
    static DataIdentity bundled(String split) {
        MessageDigest all = digest();
        for (String line : ImageSet.bundledSums(split)) all.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        return new DataIdentity(BUNDLED + split, HexFormat.of().formatHex(all.digest()));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
