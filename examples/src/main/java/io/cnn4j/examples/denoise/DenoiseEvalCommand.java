package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.AtomicJson;
import io.cnn4j.examples.cli.BackendOption;
import io.cnn4j.examples.cli.CliException;
import io.cnn4j.examples.cli.ImageLimitOption;
import io.cnn4j.examples.data.ImageSet;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.models.DenoiserModels;
import io.cnn4j.tensor.Backend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cnn4j denoise-eval --checkpoint C --images DIR}: scores a checkpoint on clean images with the
 * {@link EvaluationProtocol} (it adds the seeded noise itself).
 */
@Command(name = "denoise-eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a trained denoiser on clean images (PSNR of full images and of 32x32 tiles).",
                "Adds seeded Gaussian noise (unclipped), denoises, and reports per-image and mean PSNR for full images",
                "and for non-overlapping 32x32 tiles."})
public class DenoiseEvalCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, description = "model.safetensors written by `cnn4j denoise` (or a PyTorch state_dict in safetensors).")
    Path checkpoint;

    @Option(names = "--images", description = "Folder of clean images (default: the bundled photos of --split).")
    Path images;

    @Option(names = "--split", defaultValue = "val", description = "Bundled photos to score without --images: val or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--sigma", defaultValue = "25", description = "Noise standard deviation on the 0..255 scale (default: ${DEFAULT-VALUE}).")
    double sigma255;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the noise draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Also write the scores to this JSON file (keys mean_psnr_full, mean_psnr_tiles, per_image, ...).")
    Path json;

    @Option(names = "--model", description = "Architecture, when the checkpoint's metadata does not name it: ${COMPLETION-CANDIDATES}.",
            completionCandidates = DenoiseCommand.ModelNames.class)
    String model;

    @Option(names = "--self-ensemble", description = "Average the denoiser over the 8 flips and quarter turns of each noisy image (8 passes of the network; see docs/denoising.md).")
    boolean selfEnsemble;

    @CommandLine.Mixin
    BackendOption backend;

    @CommandLine.Mixin
    ImageLimitOption imageLimit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private boolean given(String option) { return spec.commandLine().getParseResult().hasMatchedOption(option); }

    @Override
    public Integer call() throws IOException {
        if (!(sigma255 >= 0) || sigma255 > 255) throw new CliException("--sigma must be in [0, 255], got " + sigma255);
        if (json != null) AtomicJson.checkWritable(json);
        if (!split.equals("val") && !split.equals("test")) throw new CliException("unknown --split '" + split + "'; the bundled splits to score are val and test");
        if (images != null && given("--split")) throw new CliException("give either --images DIR or --split, not both");
        List<RgbImage> clean = ImageSet.dirOrBundled(images, split, imageLimit.maxPixels());
        Backend be = backend.backend();
        DenoiserCheckpoint.Loaded m = DenoiserCheckpoint.load(checkpoint, model, be);
        ReflectionPad.requirePaddable(clean, DenoiserModels.sideMultiple(m.modelName()), "image");
        EvaluationProtocol protocol = new EvaluationProtocol(sigma255 / 255.0, seed);
        long t0 = System.nanoTime();
        Denoiser denoiser = m.denoiser(be, selfEnsemble);
        EvaluationProtocol.Result r = protocol.evaluate(clean, denoiser);
        double seconds = (System.nanoTime() - t0) / 1e9;
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%-36s %8s %8s %8s %6s%n", "image", "noisy", "full", "tiles", "tiles#");
        for (EvaluationProtocol.ImageResult i : r.images())
            o.printf(Locale.ROOT, "%-36s %8s %8s %8s %6d%n", i.name(), DenoiseReport.db(i.psnrNoisy()), DenoiseReport.db(i.psnrFull()),
                    DenoiseReport.db(i.psnrTilesMean()), i.tiles());
        o.printf(Locale.ROOT, "mean PSNR (dB): noisy %s, full images %s, 32x32 tiles %s  (%s%s, sigma %.1f/255, seed %d, %s, %.1f s)%n",
                DenoiseReport.db(r.meanPsnrNoisy()), DenoiseReport.db(r.meanPsnrFull()), DenoiseReport.db(r.meanPsnrTiles()), m.modelName(),
                selfEnsemble ? " self-ensemble x8" : "", sigma255, seed, be.name(), seconds);
        o.flush();
        if (json != null) {
            var j = new java.util.LinkedHashMap<String, Object>();
            j.put("checkpoint", checkpoint.toString());
            j.put("model", m.modelName());
            j.put("backend", be.name());
            j.put("self_ensemble", selfEnsemble);
            j.put("images_dir", images == null ? "bundled " + split + " photos" : images.toString());
            j.put("seconds", DenoiseReport.round(seconds));
            j.putAll(DenoiseReport.evalJson(protocol, r));
            DenoiseReport.writeJson(json, j);
        }
        return 0;
    }
}
