package io.cnn4j.examples.data;

import io.cnn4j.examples.util.UserInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Loads a set of images, sorted by file name: either a user's folder (every PNG/JPEG/BMP/GIF directly inside it)
 * or one of the photo sets bundled in the jar ({@code train}, {@code val}; listed by the bundled
 * {@code SHA256SUMS}, so the jar needs no directory listing).
 */
public final class ImageSet {
    private ImageSet() {}

    /** Classpath folder of the bundled photos (README.md with attributions and SHA256SUMS sit there too). */
    public static final String BUNDLED_ROOT = "/data/images/";

    /** Every image file in {@code dir}, sorted by name; throws {@link UserInputException} for a missing or empty folder. */
    public static List<RgbImage> fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) throw new UserInputException("image folder " + dir + " does not exist or is not a directory");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(ImageSet::isImageName).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException("cannot list image folder " + dir + ": " + e.getMessage());
        }
        if (files.isEmpty()) throw new UserInputException("image folder " + dir + " contains no .png/.jpg/.jpeg/.bmp/.gif files");
        List<RgbImage> out = new ArrayList<>();
        for (Path f : files) out.add(ImageLoader.load(f));
        return out;
    }

    /** The bundled split {@code "train"} or {@code "val"}, sorted by name. */
    public static List<RgbImage> bundled(String split) {
        List<String> names = new ArrayList<>();
        try (InputStream sums = ImageSet.class.getResourceAsStream(BUNDLED_ROOT + "SHA256SUMS")) {
            if (sums == null) throw new IllegalStateException("bundled photos missing from the classpath (" + BUNDLED_ROOT + "SHA256SUMS); rebuild the examples jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(sums, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length == 2 && parts[1].startsWith(split + "/")) names.add(parts[1]);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled photo list: " + e.getMessage(), e);
        }
        if (names.isEmpty()) throw new IllegalArgumentException("no bundled image split '" + split + "' (known: train, val)");
        names.sort(null);
        List<RgbImage> out = new ArrayList<>();
        for (String n : names) {
            try (InputStream in = ImageSet.class.getResourceAsStream(BUNDLED_ROOT + n)) {
                if (in == null) throw new IllegalStateException("bundled photo " + n + " missing from the classpath");
                out.add(ImageLoader.read(in, n.substring(n.indexOf('/') + 1), "bundled " + n));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read bundled photo " + n + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** A folder given by the user, or the bundled split when {@code dir} is null. */
    public static List<RgbImage> dirOrBundled(Path dir, String split) {
        return dir == null ? bundled(split) : fromDirectory(dir);
    }

    static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp") || n.endsWith(".gif");
    }
}
