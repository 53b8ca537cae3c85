package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.BackendOption;
import io.cnn4j.examples.cli.ImageLimitOption;
import io.cnn4j.examples.cli.OutputFolder;
import io.cnn4j.examples.data.ImageLoader;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.imaging.ImageWriter;
import io.cnn4j.examples.models.DenoiserModels;
import io.cnn4j.tensor.Backend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cnn4j denoise-image --checkpoint C in.png out.png}: denoises one image of any size with a trained model. */
@Command(name = "denoise-image", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Denoise one image (any size, RGB or gray) with a trained checkpoint and write the result as PNG.",
                "The image is reflection-padded to a multiple of 4 for the model and cropped back."})
public class DenoiseImageCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, description = "model.safetensors written by `cnn4j denoise` (or a PyTorch state_dict in safetensors).")
    Path checkpoint;

    @Option(names = "--model", description = "Architecture, when the checkpoint's metadata does not name it (unet, wide-unet, seed).")
    String model;

    @CommandLine.Mixin
    BackendOption backend;

    @Parameters(index = "0", paramLabel = "IN", description = "Noisy input image (PNG, JPEG, ...).")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output PNG.")
    Path output;

    @CommandLine.Mixin
    ImageLimitOption imageLimit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RgbImage in = ImageLoader.load(input, imageLimit.maxPixels());
        ReflectionPad.requirePaddable(List.of(in), DenoiserModels.PAD_MULTIPLE, "image " + input + ":");
        OutputFolder.checkWritable(output.toAbsolutePath().getParent(), "the folder of OUT");
        Backend be = backend.backend();
        DenoiserCheckpoint.Loaded m = DenoiserCheckpoint.load(checkpoint, model, be);
        long t0 = System.nanoTime();
        RgbImage out = m.denoiser(be).denoise(List.of(in)).get(0);
        ImageWriter.writePng(out, output);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "denoised %s (%dx%d) with %s on %s in %.1f s -> %s%n", input, in.width(), in.height(), m.modelName(), be.name(),
                (System.nanoTime() - t0) / 1e9, output);
        o.flush();
        return 0;
    }
}
