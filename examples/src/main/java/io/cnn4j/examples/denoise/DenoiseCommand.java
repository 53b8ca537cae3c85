package io.cnn4j.examples.denoise;

import io.cnn4j.backend.Backends;
import io.cnn4j.examples.data.ImageSet;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.cli.DTypeConverter;
import io.cnn4j.examples.distributed.DataParallelOptions;
import io.cnn4j.examples.distributed.GradientExchange;
import io.cnn4j.examples.models.DenoiserModels;
import io.cnn4j.examples.util.AtomicFiles;
import io.cnn4j.examples.util.CommandErrors;
import io.cnn4j.examples.util.Progress;
import io.cnn4j.examples.util.UserInputException;
import io.cnn4j.io.SafeTensors;
import io.cnn4j.io.SafeTensorsFile;
import io.cnn4j.io.SafeTensorsFormatException;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cnn4j denoise}: trains a denoiser on random crops of the training photos with fresh Gaussian noise, then
 * scores it on the validation photos with the {@link EvaluationProtocol} and writes images, plot, checkpoint and
 * metrics to {@code --out}.
 */
@Command(name = "denoise", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an image denoiser on the bundled photos (or --train DIR) and evaluate it on the validation photos.",
                "Writes to --out: images/<name>.png (noisy | denoised | clean), contact-sheet.png, training.png (loss and val PSNR),",
                "model.safetensors (PyTorch state_dict names), train-state.safetensors (for --resume) and metrics.json."})
public class DenoiseCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Architecture: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", defaultValue = DenoiserModels.DEFAULT,
            completionCandidates = ModelNames.class)
    String model;

    @Option(names = "--steps", description = "Optimizer steps (default: ${DEFAULT-VALUE}).", defaultValue = "" + DEFAULT_STEPS)
    int steps;

    @Option(names = "--batch", description = "Crops per step (default: ${DEFAULT-VALUE}).", defaultValue = "32")
    int batch;

    @Option(names = "--crop", description = "Crop side in pixels, a multiple of 4 (default: ${DEFAULT-VALUE}).", defaultValue = "32")
    int crop;

    @Option(names = "--lr", description = "Base learning rate (default: 1e-3 for adam/adamw, 0.05 for sgd).")
    Double lr;

    @Option(names = "--optimizer", description = "adam, adamw or sgd (momentum 0.9) (default: ${DEFAULT-VALUE}).", defaultValue = "adam")
    String optimizer;

    @Option(names = "--schedule", description = "cosine (decay to 0 over --steps) or constant (default: ${DEFAULT-VALUE}).", defaultValue = "cosine")
    String schedule;

    @Option(names = "--sigma", description = "Noise standard deviation on the 0..255 scale (default: ${DEFAULT-VALUE}).", defaultValue = "25")
    double sigma255;

    @Option(names = "--noise2noise", description = "Train towards an independently noised copy instead of the clean crop (Noise2Noise).")
    boolean noise2noise;

    @Option(names = "--seed", description = "Seed of initialisation, crops and training noise (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--eval-seed", description = "Seed of the fixed validation noise draw (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long evalSeed;

    @Option(names = "--backend", description = "reference, nd4j, jcuda or auto (default: cnn4j.backend / CNN4J_BACKEND / cnn4j.properties, else auto).")
    String backend;

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "out/denoise")
    Path out;

    @Option(names = "--train", description = "Folder of training images (default: the bundled train photos).")
    Path trainDir;

    @Option(names = "--val", description = "Folder of validation images (default: the bundled val photos).")
    Path valDir;

    @Option(names = "--resume", description = "Continue a run from its train-state.safetensors (configuration comes from the file).")
    Path resume;

    @Option(names = "--eval-every", description = "Validation PSNR (full images) every N steps for the plot; 0 = only at the end (default: steps/5).")
    Integer evalEvery;

    @Option(names = "--checkpoint-every", description = "Save train-state.safetensors every N steps (default: ${DEFAULT-VALUE}).", defaultValue = "500")
    int checkpointEvery;

    @Option(names = "--stop-after", description = "Stop after this step (save state, skip the final evaluation); continue later with --resume.")
    Integer stopAfter;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--dtype", converter = DTypeConverter.class, defaultValue = "f32",
            description = "f32 or f64 for weights, activations and optimizer state (default: ${DEFAULT-VALUE}).")
    DType dtype;

    @CommandLine.Mixin
    DataParallelOptions dataParallel = new DataParallelOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static final int DEFAULT_STEPS = 2000;

    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() { return DenoiserModels.NAMES.iterator(); }
    }

    public static void main(String[] args) { System.exit(new CommandLine(new DenoiseCommand()).execute(args)); }

    @Override
    public Integer call() {
        return CommandErrors.run("denoise", err(), this::run);
    }

    private PrintWriter err() { return spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true); }

    private PrintWriter outWriter() { return spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true); }

    private int run() throws IOException {
        PrintWriter o = outWriter();
        SafeTensorsFile state = resume == null ? null : readState(resume);
        DenoiseConfig config = state != null ? DenoiseTrainer.configOf(state, resume) : new DenoiseConfig(model, steps, batch, crop,
                lr != null ? lr : defaultLr(optimizer), optimizer, schedule, sigma255 / 255.0, noise2noise, seed, dtype);
        config.validate();
        dataParallel.validate(config.batch());
        if (state != null) warnIgnoredOptions();
        AtomicFiles.requireWritableDirectory(out, "--out");
        Backend be = Backends.select(backend);
        List<RgbImage> train = ImageSet.dirOrBundled(trainDir, "train");
        List<RgbImage> val = ImageSet.dirOrBundled(valDir, "val");
        DenoiseTrainer trainer = new DenoiseTrainer(config, be, train, trainDir);
        if (state != null) {
            trainer.restore(state, resume);
            o.printf(Locale.ROOT, "resuming %s from step %d of %d (%s)%n", config.model(), trainer.step(), config.steps(), resume);
        }
        long end = stopAfter == null ? config.steps() : Math.min(config.steps(), stopAfter);
        int every = evalEvery != null ? evalEvery : Math.max(1, config.steps() / 5);
        EvaluationProtocol protocol = new EvaluationProtocol(config.sigma(), evalSeed);
        o.printf(Locale.ROOT, "denoise: model %s (%d parameters), backend %s, %d train / %d val images, %d steps x %d crops of %dx%d, sigma %.1f/255, %s lr %.3g %s%s%n",
                config.model(), DenoiserModels.parameterCount(trainer.model()), be.name(), train.size(), val.size(), config.steps(), config.batch(),
                config.crop(), config.crop(), config.sigma() * 255, config.optimizer(), config.lr(), config.schedule(), config.noise2noise() ? ", noise2noise" : "");
        o.flush();
        Path statePath = out.resolve("train-state.safetensors");
        try (GradientExchange cluster = dataParallel.open(trainer.gradient());
             Progress bar = new Progress("denoise", trainer.step(), config.steps(), quiet)) {
            if (cluster != null) trainer.distribute(cluster);
            long startStep = trainer.step();
            long t0 = System.nanoTime();
            double recent = Double.NaN;
            while (trainer.step() < end) {
                double l = trainer.trainStep();
                recent = Double.isNaN(recent) ? l : 0.95 * recent + 0.05 * l;
                double ips = (trainer.step() - startStep) * config.batch() / ((System.nanoTime() - t0) / 1e9);
                bar.update(trainer.step(), Progress.fmt("loss %.5f, %.0f img/s", recent, ips));
                if (every > 0 && trainer.step() % every == 0 && trainer.step() < config.steps())
                    trainer.recordValPsnr(protocol.evaluateFull(val, trainer.denoiser()).meanPsnrFull());
                if (checkpointEvery > 0 && trainer.step() % checkpointEvery == 0 && trainer.step() < end) trainer.saveState(statePath);
            }
        }
        trainer.saveState(statePath);
        Path modelPath = out.resolve("model.safetensors");
        trainer.saveModel(modelPath);
        if (trainer.step() < config.steps()) {
            DenoiseReport.writePlot(out.resolve("training.png"), title(trainer), trainer.history());
            o.printf(Locale.ROOT, "stopped at step %d of %d; continue with: cnn4j denoise --resume %s --out %s%n", trainer.step(), config.steps(), statePath, out);
            return 0;
        }
        long e0 = System.nanoTime();
        EvaluationProtocol.Result result = protocol.evaluate(val, trainer.denoiser());
        double evalSeconds = (System.nanoTime() - e0) / 1e9;
        trainer.recordValPsnr(result.meanPsnrFull());
        DenoiseReport.writeImages(out, result, val);
        DenoiseReport.writePlot(out.resolve("training.png"), title(trainer), trainer.history());
        String data = (trainDir == null ? "bundled train photos" : trainDir.toString()) + " -> " + (valDir == null ? "bundled val photos" : valDir.toString());
        DenoiseReport.writeJson(out.resolve("metrics.json"), DenoiseReport.metrics(trainer, protocol, result, evalSeconds, data));
        for (EvaluationProtocol.ImageResult r : result.images())
            o.printf(Locale.ROOT, "  %-36s noisy %6.2f dB  full %6.2f dB  tiles %6.2f dB%n", r.name(), r.psnrNoisy(), r.psnrFull(), r.psnrTilesMean());
        o.printf(Locale.ROOT, "mean PSNR: noisy %.2f dB, denoised full images %.2f dB, 32x32 tiles %.2f dB (%d steps, %.0f s training, %.0f s evaluation, backend %s)%n",
                result.meanPsnrNoisy(), result.meanPsnrFull(), result.meanPsnrTiles(), trainer.step(), trainer.trainSeconds(), evalSeconds, be.name());
        o.printf("wrote %s (images/, contact-sheet.png, training.png, model.safetensors, train-state.safetensors, metrics.json)%n", out);
        o.flush();
        return 0;
    }

    /** With --resume the run's configuration comes from the state file; say so if the user also gave such options. */
    private void warnIgnoredOptions() {
        if (spec == null) return;
        List<String> ignored = new java.util.ArrayList<>();
        for (String o : List.of("--model", "--steps", "--batch", "--crop", "--lr", "--optimizer", "--schedule", "--sigma", "--noise2noise", "--seed", "--dtype"))
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) ignored.add(o);
        if (!ignored.isEmpty())
            err().println("cnn4j denoise: note: --resume continues the saved run with its own configuration; ignoring " + String.join(", ", ignored));
    }

    private static String title(DenoiseTrainer t) {
        return String.format(Locale.ROOT, "cnn4j denoise: %s, %s, batch %d, crop %d, sigma %.0f", t.config().model(), t.backend().name(),
                t.config().batch(), t.config().crop(), t.config().sigma() * 255);
    }

    static double defaultLr(String optimizer) { return "sgd".equals(optimizer) ? 0.05 : 1e-3; }

    static SafeTensorsFile readState(Path file) {
        if (!Files.isRegularFile(file)) throw new UserInputException("--resume " + file + " does not exist or is not a file");
        try {
            return SafeTensors.read(file);
        } catch (SafeTensorsFormatException e) {
            throw new UserInputException("--resume " + file + " is not a valid safetensors file: " + e.getMessage());
        } catch (IOException e) {
            throw new UserInputException("cannot read --resume " + file + ": " + e.getMessage());
        }
    }
}
