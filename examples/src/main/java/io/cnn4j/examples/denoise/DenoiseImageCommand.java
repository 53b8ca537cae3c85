package io.cnn4j.examples.denoise;

import io.cnn4j.backend.Backends;
import io.cnn4j.examples.data.ImageLoader;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.imaging.ImageWriter;
import io.cnn4j.examples.util.CommandErrors;
import io.cnn4j.examples.util.UserInputException;
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

    @Option(names = "--backend", description = "reference, nd4j, jcuda or auto (default: configured, else auto).")
    String backend;

    @Parameters(index = "0", paramLabel = "IN", description = "Noisy input image (PNG, JPEG, ...).")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output PNG.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) { System.exit(new CommandLine(new DenoiseImageCommand()).execute(args)); }

    @Override
    public Integer call() {
        return CommandErrors.run("denoise-image", spec.commandLine().getErr(), this::run);
    }

    private int run() throws IOException {
        RgbImage in = ImageLoader.load(input);
        if (in.height() < 2 || in.width() < 2) throw new UserInputException("image " + input + " is " + in.width() + "x" + in.height() + "; it must be at least 2x2");
        Path parent = output.toAbsolutePath().getParent();
        io.cnn4j.examples.util.AtomicFiles.requireWritableDirectory(parent, "output folder");
        Backend be = Backends.select(backend);
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
