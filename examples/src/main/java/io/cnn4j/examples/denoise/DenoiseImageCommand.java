package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.BackendOption;
import io.cnn4j.examples.cli.CliException;
import io.cnn4j.examples.cli.ImageLimitOption;
import io.cnn4j.examples.cli.OutputFolder;
import io.cnn4j.examples.data.ImageLoader;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.imaging.GaussianNoise;
import io.cnn4j.examples.imaging.ImageWriter;
import io.cnn4j.examples.imaging.Psnr;
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

/**
 * {@code cnn4j denoise-image --checkpoint C in.png out.png}: denoises one image of any size with a trained model.
 * With {@code --noise SIGMA} the input is a clean photo: seeded Gaussian noise is added first (as in the evaluation
 * protocol, unclipped), and the PSNRs of the noisy and the denoised image against the clean one are printed.
 */
@Command(name = "denoise-image", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Denoise one image (any size, RGB or gray) with a trained checkpoint and write the result as PNG.",
                "The image is reflection-padded to a multiple of 4 (8 for unet-w32-d3) for the model and cropped back.",
                "With --noise SIGMA, IN is a clean photo: Gaussian noise is added first and both PSNRs are printed."})
public class DenoiseImageCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, description = "model.safetensors written by `cnn4j denoise` (or a PyTorch state_dict in safetensors).")
    Path checkpoint;

    @Option(names = "--model", description = "Architecture, when the checkpoint's metadata does not name it: ${COMPLETION-CANDIDATES}.",
            completionCandidates = DenoiseCommand.ModelNames.class)
    String model;

    @Option(names = "--self-ensemble", description = "Average the denoiser over the 8 flips and quarter turns of the image (8 passes of the network; see docs/denoising.md).")
    boolean selfEnsemble;

    @CommandLine.Mixin
    BackendOption backend;

    @Parameters(index = "0", paramLabel = "IN", description = "Noisy input image (PNG, JPEG, ...).")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output PNG.")
    Path output;

    @Option(names = "--noise", paramLabel = "SIGMA", description = "Add Gaussian noise of this standard deviation (0..255 scale) to IN first, and print PSNRs against IN.")
    Double noise;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the --noise draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--noisy-out", paramLabel = "FILE", description = "With --noise: also write the noisy image (clipped to 0..255) as PNG.")
    Path noisyOut;

    @CommandLine.Mixin
    ImageLimitOption imageLimit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (noise != null && !(noise > 0 && noise <= 255))
            throw new CliException("--noise must be a standard deviation in (0, 255] on the 0..255 scale, got " + noise);
        if (noisyOut != null && noise == null) throw new CliException("--noisy-out needs --noise SIGMA (it writes the image with the added noise)");
        RgbImage clean = ImageLoader.load(input, imageLimit.maxPixels());
        OutputFolder.checkWritable(output.toAbsolutePath().getParent(), "the folder of OUT");
        if (noisyOut != null) OutputFolder.checkWritable(noisyOut.toAbsolutePath().getParent(), "the folder of --noisy-out");
        Backend be = backend.backend();
        DenoiserCheckpoint.Loaded m = DenoiserCheckpoint.load(checkpoint, model, be);
        ReflectionPad.requirePaddable(List.of(clean), DenoiserModels.sideMultiple(m.modelName()), "image " + input + ":");
        RgbImage in = noise == null ? clean : GaussianNoise.noisy(clean, noise / 255.0, seed);
        long t0 = System.nanoTime();
        Denoiser denoiser = m.denoiser(be, selfEnsemble);
        RgbImage out = denoiser.denoise(List.of(in)).get(0);
        ImageWriter.writePng(out, output);
        if (noisyOut != null) ImageWriter.writePng(in, noisyOut);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "denoised %s (%dx%d) with %s%s on %s in %.1f s -> %s%n", input, in.width(), in.height(), m.modelName(),
                selfEnsemble ? " (self-ensemble x8)" : "", be.name(),
                (System.nanoTime() - t0) / 1e9, output);
        if (noise != null)
            o.printf(Locale.ROOT, "PSNR against %s: noisy (sigma %s, seed %d) %s dB, denoised %s dB%n", input,
                    java.math.BigDecimal.valueOf(noise).stripTrailingZeros().toPlainString(), seed,
                    DenoiseReport.db(Psnr.psnrUnclipped(in, clean)), DenoiseReport.db(Psnr.psnr(out, clean)));
        o.flush();
        return 0;
    }
}
