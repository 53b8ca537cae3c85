package io.cnn4j.examples.data;

import io.cnn4j.examples.cli.CliException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A labelled digit set: {@code count} gray images of {@code rows × cols} with values in [0, 1] (0 = background)
 * and labels 0..9. Loaded from an IDX image file and an IDX label file (MNIST format), either bundled
 * (the OpenCV digits, 4,000 train / 1,000 test, 20×20) or from a user's folder with the same file names.
 */
public record Digits(int count, int rows, int cols, float[] pixels, int[] labels) {
    public static final int CLASSES = 10;

    public static final String BUNDLED_ROOT = "/data/digits/";

    /** The pixels of sample {@code i}, row-major; a copy. */
    public float[] image(int i) {
        float[] out = new float[rows * cols];
        System.arraycopy(pixels, i * rows * cols, out, 0, rows * cols);
        return out;
    }

    /** Builds a set from an images IDX array [n, rows, cols] and a labels IDX array [n]; validates sizes and labels. */
    public static Digits of(IdxReader.IdxArray images, IdxReader.IdxArray labels, String where) {
        int n = images.dims()[0];
        if (labels.dims()[0] != n)
            throw new CliException(where + ": " + n + " images but " + labels.dims()[0] + " labels; use matching image and label files");
        int rows = images.dims()[1], cols = images.dims()[2];
        float[] px = new float[images.data().length];
        for (int i = 0; i < px.length; i++) px[i] = images.unsigned(i) / 255f;
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            lab[i] = labels.unsigned(i);
            if (lab[i] >= CLASSES) throw new CliException(where + ": label " + i + " is " + lab[i] + ", expected 0..9");
        }
        return new Digits(n, rows, cols, px, lab);
    }

    /** The bundled split {@code "train"} or {@code "test"}. */
    public static Digits bundled(String split) {
        try (InputStream im = Digits.class.getResourceAsStream(BUNDLED_ROOT + split + "-images-idx3-ubyte");
             InputStream lb = Digits.class.getResourceAsStream(BUNDLED_ROOT + split + "-labels-idx1-ubyte")) {
            if (im == null || lb == null) throw new IllegalArgumentException("no bundled digits split '" + split + "' (known: train, test)");
            return of(IdxReader.read(im, 3, "bundled " + split + " images"), IdxReader.read(lb, 1, "bundled " + split + " labels"), "bundled digits " + split);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled digits: " + e.getMessage(), e);
        }
    }

    /** {@code <dir>/<split>-images-idx3-ubyte} and {@code <dir>/<split>-labels-idx1-ubyte}. */
    public static Digits fromDirectory(Path dir, String split) {
        Path im = dir.resolve(split + "-images-idx3-ubyte"), lb = dir.resolve(split + "-labels-idx1-ubyte");
        for (Path p : new Path[]{im, lb})
            if (!Files.isRegularFile(p)) throw new CliException("digits file " + p + " does not exist (expected MNIST-style IDX files "
                    + split + "-images-idx3-ubyte and " + split + "-labels-idx1-ubyte in " + dir + ")");
        try (InputStream a = Files.newInputStream(im); InputStream b = Files.newInputStream(lb)) {
            return of(IdxReader.read(a, 3, im.toString()), IdxReader.read(b, 1, lb.toString()), dir.toString());
        } catch (IOException e) {
            throw new CliException("cannot read digits from " + dir + ": " + e.getMessage());
        }
    }
}
