package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.BackendOption;
import io.cnn4j.examples.cli.CliException;
import io.cnn4j.examples.cli.ImageLimitOption;
import io.cnn4j.examples.cli.OutputFolder;
import io.cnn4j.examples.data.DataIdentity;
import io.cnn4j.examples.data.ImageSet;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.cli.DTypeConverter;
import io.cnn4j.examples.distributed.DataParallelOptions;
import io.cnn4j.examples.distributed.GradientExchange;
import io.cnn4j.examples.models.DenoiserModels;
import io.cnn4j.examples.util.Progress;
import io.cnn4j.io.AtomicFiles;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Option(names = "--minutes", description = "Instead of --steps: as many steps as fit in this many minutes of training, from the speed of steps 10-40, measured again after 5% of the budget (at least 40 steps).")
    Double minutes;

    @Option(names = "--batch", description = "Crops per step (default: ${DEFAULT-VALUE}).", defaultValue = "" + DEFAULT_BATCH)
    int batch;

    @Option(names = "--crop", description = "Crop side in pixels, a multiple of 4 (of 8 for unet-w32-d3; default: ${DEFAULT-VALUE}).", defaultValue = "32")
    int crop;

    @Option(names = "--lr", description = "Base learning rate (default: 1e-3 for adam/adamw, 0.05 for sgd).")
    Double lr;

    @Option(names = "--optimizer", description = "adam, adamw or sgd (default: ${DEFAULT-VALUE}).", defaultValue = "adam")
    String optimizer;

    @Option(names = "--momentum", description = "SGD momentum, as torch.optim.SGD (default: 0, plain SGD; only with --optimizer sgd).", defaultValue = "0")
    double momentum;

    @Option(names = "--schedule", description = "cosine (decay to 0 over --steps) or constant (default: ${DEFAULT-VALUE}).", defaultValue = "cosine")
    String schedule;

    @Option(names = "--sigma", description = "Noise standard deviation on the 0..255 scale (default: ${DEFAULT-VALUE}).", defaultValue = "25")
    double sigma255;

    @Option(names = "--noise2noise", description = "Train towards an independently noised copy instead of the clean crop (Noise2Noise).")
    boolean noise2noise;

    @Option(names = "--augment", description = "dihedral (each crop flipped/rotated by one of the 8 symmetries of the square) or none (default: ${DEFAULT-VALUE}).",
            defaultValue = DEFAULT_AUGMENT)
    String augment;

    @Option(names = "--seed", description = "Seed of initialisation, crops and training noise (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--eval-seed", description = "Seed of the fixed validation noise draw (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long evalSeed;

    @CommandLine.Mixin
    BackendOption backend;

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "out/denoise")
    Path out;

    @Option(names = "--train", description = "Folder of training images (default: the bundled train photos).")
    Path trainDir;

    @Option(names = "--val", description = "Folder of validation images (default: the bundled val photos).")
    Path valDir;

    @Option(names = "--test", description = "Folder of photos never used for training or choosing settings, scored at the end; 'none' skips it (default: the bundled test photos when the bundled val photos are used).")
    String testDir;

    @Option(names = "--resume", description = "Continue a run from its train-state.safetensors: settings, data and --eval-seed come from the file; --steps may extend it.")
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
    ImageLimitOption imageLimit;

    @CommandLine.Mixin
    DataParallelOptions dataParallel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The default run: {@value #DEFAULT_STEPS} steps of {@value #DEFAULT_BATCH} crops fit ten minutes on two cores (docs/denoising.md). */
    public static final int DEFAULT_STEPS = 8000, DEFAULT_BATCH = 16;
    static final String DEFAULT_AUGMENT = DenoiseConfig.DIHEDRAL;

    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() { return DenoiserModels.NAMES.iterator(); }
    }

    private PrintWriter err() { return spec.commandLine().getErr(); }

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        if (evalEvery != null && evalEvery < 0) throw new CliException("--eval-every must be >= 0 (0 = only at the end), got " + evalEvery);
        if (checkpointEvery < 0) throw new CliException("--checkpoint-every must be >= 0 (0 = only at the end), got " + checkpointEvery);
        if (stopAfter != null && stopAfter < 1) throw new CliException("--stop-after must be >= 1, got " + stopAfter);
        if (minutes != null && given("--steps")) throw new CliException("give either --steps or --minutes, not both");
        if (minutes != null && resume != null)
            throw new CliException("--minutes sets the length of a new run; a resumed run keeps its recorded steps (extend it with --steps)");
        TimeBudget budget = minutes == null ? null : new TimeBudget(minutes);
        long maxPixels = imageLimit.maxPixels();
        DenoiseConfig requested = new DenoiseConfig(model, budget != null ? TimeBudget.PROVISIONAL_STEPS : steps, batch, crop,
                lr != null ? lr : defaultLr(optimizer), optimizer, momentum, schedule, sigma255 / 255.0, noise2noise, augment, seed, dtype).validate();
        TrainState state = resume == null ? null : TrainState.read(resume);
        String from = resume == null ? null : resume.toString();
        DenoiseConfig config = state == null ? requested : ResumeOptions.config(state, requested, this::given, from);
        dataParallel.validate(config.batch());
        long evalSeedUsed = state == null ? evalSeed : ResumeOptions.evalSeed(state, evalSeed, given("--eval-seed"), from);
        OutputFolder.checkWritable(out, "--out");
        Backend be = backend.backend();
        DataIdentity trainId = state == null ? DataIdentity.of(trainDir, "train") : ResumeOptions.data(state.trainData(), trainDir, "train", "--train", from);
        DataIdentity valId = state == null ? DataIdentity.of(valDir, "val") : ResumeOptions.data(state.valData(), valDir, "val", "--val", from);
        if (state != null && (state.trainData() == null || state.valData() == null))
            err().println("cnn4j denoise: note: " + resume + " does not record its training data; make sure --train and --val are the ones it used");
        List<RgbImage> train = ImageSet.dirOrBundled(trainId.folder(), "train", maxPixels);
        List<RgbImage> val = ImageSet.dirOrBundled(valId.folder(), "val", maxPixels);
        ReflectionPad.requirePaddable(val, DenoiserModels.sideMultiple(config.model()), "validation image");
        List<RgbImage> test = "none".equals(testDir) || (testDir == null && valId.folder() != null) ? null
                : ImageSet.dirOrBundled(testDir == null ? null : Path.of(testDir), "test", maxPixels);
        if (test != null) ReflectionPad.requirePaddable(test, DenoiserModels.sideMultiple(config.model()), "test image");
        DenoiseTrainer trainer = new DenoiseTrainer(config, be, train, trainId.folder(), maxPixels);
        if (state != null) {
            trainer.restore(state, resume);
            o.printf(Locale.ROOT, "resuming %s from step %d of %d (%s)%n", config.model(), trainer.step(), config.steps(), resume);
        }
        Map<String, String> runMetadata = new LinkedHashMap<>();
        runMetadata.put("eval_seed", Long.toString(evalSeedUsed));
        TrainState.putIdentity(runMetadata, "train", trainId);
        TrainState.putIdentity(runMetadata, "val", valId);
        long end = stopAfter == null ? config.steps() : Math.min(config.steps(), stopAfter);
        int every = budget != null ? 0 : evalEvery != null ? evalEvery : Math.max(1, config.steps() / 5);
        EvaluationProtocol protocol = new EvaluationProtocol(config.sigma(), evalSeedUsed);
        List<Path> stale = new java.util.ArrayList<>(AtomicFiles.removeStaleTemporaries(out));
        stale.addAll(AtomicFiles.removeStaleTemporaries(out.resolve("images")));
        if (!stale.isEmpty()) o.printf(Locale.ROOT, "removed %d temporary file%s left in %s by an interrupted run%n", stale.size(), stale.size() == 1 ? "" : "s", out);
        o.printf(Locale.ROOT, "denoise: model %s (%d parameters), backend %s, %d train / %d val images, %s x %d crops of %dx%d%s, sigma %.1f/255, %s%s lr %.3g %s%s%n",
                config.model(), DenoiserModels.parameterCount(trainer.model()), be.name(), train.size(), val.size(),
                budget != null ? Progress.fmt("%.3g minutes of steps", minutes) : config.steps() + " steps", config.batch(),
                config.crop(), config.crop(), config.augment().equals(DenoiseConfig.NO_AUGMENT) ? "" : ", " + config.augment() + " augmentation",
                config.sigma() * 255, config.optimizer(), config.momentum() != 0 ? Progress.fmt(" momentum %.3g", config.momentum()) : "",
                config.lr(), config.schedule(), config.noise2noise() ? ", noise2noise" : "");
        o.flush();
        Path statePath = out.resolve("train-state.safetensors");
        Path lastGood = resume;
        long lastGoodStep = trainer.step();
        try {
            try (GradientExchange cluster = dataParallel.open(trainer.gradient());
                 Progress bar = new Progress("denoise", trainer.step(), config.steps(), trainer.trainSeconds(), quiet)) {
                if (cluster != null) trainer.distribute(cluster);
                long startStep = trainer.step();
                long t0 = System.nanoTime();
                double recent = Double.NaN;
                while (trainer.step() < end) {
                    double l = trainer.trainStep();
                    int total = budget == null ? -1 : budget.observe(trainer.step(), trainer.trainSeconds());
                    if (total > 0) {
                        trainer.setSteps(total);
                        config = trainer.config();
                        end = stopAfter == null ? total : Math.min(total, stopAfter);
                        every = evalEvery != null ? evalEvery : Math.max(1, total / 5);
                        bar.setTotal(total);
                        bar.status(Progress.fmt("%d steps fit in %.3g minutes%s", total, minutes,
                                budget.remeasured() ? " (speed measured again)" : ""));
                    }
                    recent = Double.isNaN(recent) ? l : 0.95 * recent + 0.05 * l;
                    double ips = (trainer.step() - startStep) * config.batch() / ((System.nanoTime() - t0) / 1e9);
                    bar.update(trainer.step(), Progress.fmt("loss %.5f, %.0f img/s", recent, ips));
                    long e0 = System.nanoTime();
                    if (every > 0 && trainer.step() % every == 0 && trainer.step() < config.steps()) {
                        bar.status("evaluating… (validation PSNR at step " + trainer.step() + ")");
                        trainer.recordValPsnr(protocol.evaluateFull(val, trainer.denoiser()).meanPsnrFull());
                    }
                    if (checkpointEvery > 0 && trainer.step() % checkpointEvery == 0 && trainer.step() < end) {
                        trainer.saveState(statePath, runMetadata);
                        lastGood = statePath;
                        lastGoodStep = trainer.step();
                    }
                    trainer.addSeconds((System.nanoTime() - e0) / 1e9);
                }
            }
            trainer.saveState(statePath, runMetadata);
        } catch (TrainingDivergedException e) {
            throw e.withAdvice((lastGood == null ? "no checkpoint was written before it"
                    : "the last good checkpoint, step " + lastGoodStep + ", is kept at " + lastGood) + "; start again with a smaller --lr");
        }
        Path modelPath = out.resolve("model.safetensors");
        trainer.saveModel(modelPath);
        if (trainer.step() < config.steps()) {
            DenoiseReport.writePlot(out.resolve("training.png"), title(trainer), trainer.history());
            o.printf(Locale.ROOT, "stopped at step %d of %d; continue with: cnn4j denoise --resume %s --out %s%n", trainer.step(), config.steps(), statePath, out);
            return 0;
        }
        if (!quiet) {
            o.printf(Locale.ROOT, "evaluating… (%d validation%s images, full and in 32x32 tiles)%n", val.size(), test == null ? "" : " and " + test.size() + " test");
            o.flush();
        }
        long e0 = System.nanoTime();
        EvaluationProtocol.Result result = protocol.evaluate(val, trainer.denoiser());
        EvaluationProtocol.Result testResult = test == null ? null : protocol.evaluate(test, trainer.denoiser());
        double evalSeconds = (System.nanoTime() - e0) / 1e9;
        trainer.recordValPsnr(result.meanPsnrFull());
        DenoiseReport.writeImages(out, result, val);
        DenoiseReport.writePlot(out.resolve("training.png"), title(trainer), trainer.history());
        String data = trainId.source() + " -> " + valId.source();
        DenoiseReport.writeJson(out.resolve("metrics.json"), DenoiseReport.metrics(trainer, protocol, result, testResult, evalSeconds, data));
        for (EvaluationProtocol.ImageResult r : result.images())
            o.printf(Locale.ROOT, "  %-36s noisy %6s dB  full %6s dB  tiles %6s dB%n", r.name(), DenoiseReport.db(r.psnrNoisy()),
                    DenoiseReport.db(r.psnrFull()), DenoiseReport.db(r.psnrTilesMean()));
        o.printf(Locale.ROOT, "mean PSNR: noisy %s dB, denoised full images %s dB, 32x32 tiles %s dB (%d steps, %.0f s training, %.0f s evaluation, backend %s)%n",
                DenoiseReport.db(result.meanPsnrNoisy()), DenoiseReport.db(result.meanPsnrFull()), DenoiseReport.db(result.meanPsnrTiles()),
                trainer.step(), trainer.trainSeconds(), evalSeconds, be.name());
        if (testResult != null)
            o.printf(Locale.ROOT, "test photos (%d, never used for training or settings, %s): denoised full images %s dB, 32x32 tiles %s dB%n",
                    test.size(), testDir == null ? "bundled" : testDir, DenoiseReport.db(testResult.meanPsnrFull()), DenoiseReport.db(testResult.meanPsnrTiles()));
        o.printf("wrote %s (images/, contact-sheet.png, training.png, model.safetensors, train-state.safetensors, metrics.json)%n", out);
        o.flush();
        return 0;
    }

    /** Whether the user gave {@code option} on the command line (as opposed to its default). */
    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private static String title(DenoiseTrainer t) {
        return String.format(Locale.ROOT, "cnn4j denoise: %s, %s, batch %d, crop %d, sigma %.0f", t.config().model(), t.backend().name(),
                t.config().batch(), t.config().crop(), t.config().sigma() * 255);
    }

    static double defaultLr(String optimizer) { return "sgd".equals(optimizer) ? 0.05 : 1e-3; }
}
