package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.CliException;
import io.cnn4j.examples.data.ImageLoader;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.distributed.GradientExchange;
import io.cnn4j.examples.models.DenoiserModels;
import io.cnn4j.io.Checkpoint;
import io.cnn4j.nn.Module;
import io.cnn4j.optim.Adam;
import io.cnn4j.optim.AdamW;
import io.cnn4j.optim.CosineAnnealingLR;
import io.cnn4j.optim.Optimizer;
import io.cnn4j.optim.SGD;
import io.cnn4j.optim.TrainingStep;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a denoiser: per step, the gradient of the MSE on a {@link CropSampler} batch ({@link DenoiseGradient},
 * computed here or, after {@link #distribute}, by data-parallel workers), then the optimizer step and the
 * learning-rate schedule, all inside {@code backend.scope()}.
 *
 * <p>The training state (model weights, optimizer state, step, configuration, history) is saved to one safetensors
 * file; {@link #restore} continues from it exactly: model, optimizer and schedule are restored and the batches are a
 * function of (seed, step), so a resumed run computes the same numbers as an uninterrupted one.
 */
public final class DenoiseTrainer {
    public static final String STATE_FORMAT = "cnn4j-denoise-train-state";
    public static final String MODEL_FORMAT = "cnn4j-denoiser";

    private DenoiseConfig config;
    private final Backend backend;
    private final Module model;
    private final Optimizer optimizer;
    private CosineAnnealingLR schedule;
    private TrainingStep<Void> trainingStep;
    private final DenoiseGradient gradient;
    private GradientExchange exchange;
    private final TrainingHistory history;
    private long step;
    private double trainSeconds;

    public DenoiseTrainer(DenoiseConfig config, Backend backend, List<RgbImage> trainImages) {
        this(config, backend, trainImages, null);
    }

    /**
     * @param trainDir where {@code trainImages} came from (null: the bundled photos); data-parallel workers read
     *                 them from there
     */
    public DenoiseTrainer(DenoiseConfig config, Backend backend, List<RgbImage> trainImages, Path trainDir) {
        this(config, backend, trainImages, trainDir, ImageLoader.DEFAULT_MAX_PIXELS);
    }

    /**
     * @param trainDir  where {@code trainImages} came from (null: the bundled photos); data-parallel workers read
     *                  them from there
     * @param maxPixels the {@code --max-image-pixels} limit the workers apply when they read {@code trainDir}
     */
    public DenoiseTrainer(DenoiseConfig config, Backend backend, List<RgbImage> trainImages, Path trainDir, long maxPixels) {
        this.config = config.validate();
        this.backend = backend;
        this.gradient = new DenoiseGradient(config, trainDir, maxPixels, backend.name(), trainImages);
        this.model = gradient.createModel(backend);
        this.optimizer = switch (config.optimizer()) {
            case "adam" -> new Adam(model.namedParameters(), config.lr());
            case "adamw" -> new AdamW(model.namedParameters(), config.lr());
            case "sgd" -> new SGD(model.namedParameters(), config.lr(), config.momentum());
            default -> throw new CliException("unknown optimizer " + config.optimizer());
        };
        this.schedule = config.schedule().equals("cosine") ? new CosineAnnealingLR(optimizer, config.steps()) : null;
        this.trainingStep = TrainingStep.withExternalGradients(model, optimizer, schedule);
        this.history = new TrainingHistory();
    }

    public DenoiseConfig config() { return config; }

    /**
     * Sets the run's total number of steps (at or after the current step): {@code --minutes} fixes it once the speed
     * of the first steps is known. The cosine schedule then spans the new total from the current step on.
     */
    public void setSteps(int total) {
        if (total < step) throw new IllegalArgumentException("cannot end the run at step " + total + ", it is at step " + step);
        config = config.withSteps(total);
        if (schedule != null) {
            optimizer.setLr(config.lr());
            schedule = new CosineAnnealingLR(optimizer, total);
            schedule.setLastEpoch((int) step);
            trainingStep = TrainingStep.withExternalGradients(model, optimizer, schedule);
        }
    }

    public Module model() { return model; }

    public long step() { return step; }

    public TrainingHistory history() { return history; }

    /**
     * Wall time of the run so far, over every resumed part: the optimizer steps plus whatever the caller adds with
     * {@link #addSeconds} (validation and checkpoints during training), so it matches the elapsed time shown.
     */
    public double trainSeconds() { return trainSeconds; }

    /** Adds time spent on the run outside {@link #trainStep} (validation passes, checkpoint writes). */
    public void addSeconds(double seconds) { trainSeconds += seconds; }

    public Backend backend() { return backend; }

    /** The gradient of a step, in the form a data-parallel engine ships to its workers. */
    public DenoiseGradient gradient() { return gradient; }

    /**
     * From now on each step's gradient comes from {@code exchange} (data-parallel workers) instead of this process;
     * the optimizer step, schedule, history and checkpoints stay here.
     */
    public void distribute(GradientExchange exchange) { this.exchange = exchange; }

    /**
     * One optimizer step ({@link TrainingStep}, its gradients from this process or the data-parallel workers);
     * returns the batch loss. A non-finite loss stops before the optimizer step.
     */
    public double trainStep() {
        long t0 = System.nanoTime();
        double value;
        try {
            value = trainingStep.run(backend, () -> exchange != null ? exchange.gradients(step, model)
                    : gradient.accumulate(model, backend, step, 0, config.batch()));
        } catch (io.cnn4j.optim.TrainingDivergedException e) {
            throw new TrainingDivergedException(step + 1, "loss " + e.loss());
        }
        step++;
        history.loss.add(value);
        trainSeconds += (System.nanoTime() - t0) / 1e9;
        return value;
    }

    /** Records a validation score for the current step; a NaN score (the model outputs NaN) is divergence. */
    public void recordValPsnr(double psnr) {
        if (Double.isNaN(psnr)) throw new TrainingDivergedException(step, "the validation PSNR is NaN");
        if (!history.valPsnr.isEmpty() && history.valPsnr.get(history.valPsnr.size() - 1)[0] == step) history.valPsnr.remove(history.valPsnr.size() - 1);
        history.valPsnr.add(new double[]{step, psnr});
    }

    /** A denoiser running the current model. */
    public ModuleDenoiser denoiser() { return new ModuleDenoiser(model, backend, DenoiserModels.sideMultiple(config.model())); }

    /** Metadata describing the model for {@code denoise-image}/{@code denoise-eval}. */
    public Map<String, String> modelMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", MODEL_FORMAT);
        m.put("model", config.model());
        m.put("sigma", Double.toString(config.sigma()));
        m.put("steps_trained", Long.toString(step));
        return m;
    }

    /** Throws {@link TrainingDivergedException} when a weight is NaN or infinite (checked before anything is saved). */
    public void requireFiniteWeights() {
        FiniteWeights.firstNonFinite(model).ifPresent(t -> {
            throw new TrainingDivergedException(step, "weight " + t + " is not finite");
        });
    }

    /** Saves the model weights (PyTorch state_dict names) with {@link #modelMetadata()}; refuses non-finite weights. */
    public void saveModel(Path file) throws IOException {
        requireFiniteWeights();
        Checkpoint.save(model, file, modelMetadata());
    }

    /**
     * Saves everything {@link #restore} needs, atomically, plus {@code runMetadata} (data identity, evaluation seed);
     * refuses non-finite weights, so a diverged run never replaces the last good state.
     */
    public void saveState(Path file, Map<String, String> runMetadata) throws IOException {
        requireFiniteWeights();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put("model." + k, v));
        optimizer.state().forEach((k, v) -> tensors.put("optim." + k, v));
        Map<String, String> meta = new LinkedHashMap<>(config.toMetadata());
        meta.putAll(runMetadata);
        meta.put("format", STATE_FORMAT);
        meta.put("step", Long.toString(step));
        meta.put("train_seconds", Double.toString(trainSeconds));
        meta.put("history", history.toJson());
        Checkpoint.saveTensors(file, tensors, meta);
    }

    /**
     * Restores model, optimizer, schedule, step and history from a validated state. The state's configuration must
     * equal this trainer's except for {@code steps}, which may grow (extending a run).
     */
    public void restore(TrainState state, Path file) {
        DenoiseConfig saved = state.config();
        if (!saved.withSteps(config.steps()).equals(config))
            throw new CliException("cannot resume from " + file + ": it was trained with " + saved + ", this run asks for " + config);
        if (state.step() > config.steps())
            throw new CliException(file + " is at step " + state.step() + ", beyond --steps " + config.steps() + "; give --steps " + state.step() + " or more");
        try {
            Checkpoint.copyInto(model.stateDict(), state.model(), "model '" + config.model() + "'");
            Map<String, Tensor> opt = new LinkedHashMap<>();
            state.optim().forEach((k, v) -> opt.put(k, v.toTensor(backend, config.dtype())));
            optimizer.loadState(opt);
        } catch (CliException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CliException("cannot resume from " + file + ": " + e.getMessage().replace('\n', ' '), e);
        }
        step = state.step();
        if (schedule != null) schedule.setLastEpoch((int) step);
        trainSeconds = state.trainSeconds();
        history.loss.clear();
        history.loss.addAll(state.history().loss);
        history.valPsnr.clear();
        history.valPsnr.addAll(state.history().valPsnr);
    }
}
