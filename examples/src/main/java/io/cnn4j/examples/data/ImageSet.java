package io.cnn4j.examples.data;

import io.cnn4j.examples.cli.CliException;

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
 * or one of the photo sets bundled in the jar ({@code train}, {@code val}, {@code test}; listed by the bundled
 * {@code SHA256SUMS}, so the jar needs no directory listing).
 */
public final class ImageSet {
    private ImageSet() {}

    /** Classpath folder of the bundled photos (README.md with attributions and SHA256SUMS sit there too). */
    public static final String BUNDLED_ROOT = "/data/images/";

    /**
     * Every image file in {@code dir}, sorted by name, each at most {@code maxPixels} pixels (see
     * {@link ImageLoader#load(Path, long)}); throws {@link CliException} for a missing or empty folder.
     */
    public static List<RgbImage> fromDirectory(Path dir, long maxPixels) {
        if (!Files.isDirectory(dir)) throw new CliException("image folder " + dir + " does not exist or is not a directory");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(ImageSet::isImageName).sorted().toList();
        } catch (IOException e) {
            throw new CliException("cannot list image folder " + dir + ": " + e.getMessage());
        }
        if (files.isEmpty()) throw new CliException("image folder " + dir + " contains no .png/.jpg/.jpeg/.bmp/.gif files");
        List<RgbImage> out = new ArrayList<>();
        for (Path f : files) out.add(ImageLoader.load(f, maxPixels));
        return out;
    }

    /** The bundled split {@code "train"}, {@code "val"} or {@code "test"}, sorted by name. */
    public static List<RgbImage> bundled(String split) {
        List<String> names = new ArrayList<>();
        for (String line : bundledSums(split)) names.add(line.split("\\s+", 2)[1]);
        names.sort(null);
        List<RgbImage> out = new ArrayList<>();
        for (String n : names) {
            try (InputStream in = ImageSet.class.getResourceAsStream(BUNDLED_ROOT + n)) {
                if (in == null) throw new IllegalStateException("bundled photo " + n + " missing from the classpath");
                out.add(ImageLoader.read(in, n.substring(n.indexOf('/') + 1), "bundled " + n, ImageLoader.DEFAULT_MAX_PIXELS));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read bundled photo " + n + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The bundled SHA256SUMS lines ({@code <hash>  <split>/<file>}) of one split, sorted by file. */
    static List<String> bundledSums(String split) {
        List<String> lines = new ArrayList<>();
        try (InputStream sums = ImageSet.class.getResourceAsStream(BUNDLED_ROOT + "SHA256SUMS")) {
            if (sums == null) throw new IllegalStateException("bundled photos missing from the classpath (" + BUNDLED_ROOT + "SHA256SUMS); rebuild the examples jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(sums, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length == 2 && parts[1].startsWith(split + "/")) lines.add(parts[0] + "  " + parts[1]);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled photo list: " + e.getMessage(), e);
        }
        if (lines.isEmpty()) throw new IllegalArgumentException("no bundled image split '" + split + "' (known: train, val, test)");
        lines.sort(java.util.Comparator.comparing(l -> l.split("\\s+", 2)[1]));
        return lines;
    }

    /** A folder given by the user (images of at most {@code maxPixels} pixels), or the bundled split when {@code dir} is null. */
    public static List<RgbImage> dirOrBundled(Path dir, String split, long maxPixels) {
        return dir == null ? bundled(split) : fromDirectory(dir, maxPixels);
    }

    static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp") || n.endsWith(".gif");
    }
}
