package io.cnn4j.examples.cli;

import io.cnn4j.examples.data.ImageLoader;
import picocli.CommandLine.Option;

/**
 * The {@code --max-image-pixels N} option of every command that reads user images: the largest width × height an
 * image may declare. The size is checked from the file header before decoding, so an image bomb (a small file
 * declaring a huge size) is a clear error instead of an out-of-memory crash.
 */
public final class ImageLimitOption {

    @Option(names = ImageLoader.MAX_PIXELS_OPTION, paramLabel = "N", defaultValue = "" + ImageLoader.DEFAULT_MAX_PIXELS,
            description = "Largest image (width x height) accepted, checked before decoding (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    /** The limit; throws {@link CliException} when the option is not positive. */
    public long maxPixels() {
        if (maxPixels < 1) throw new CliException(ImageLoader.MAX_PIXELS_OPTION + " must be >= 1, got " + maxPixels);
        return maxPixels;
    }
}
