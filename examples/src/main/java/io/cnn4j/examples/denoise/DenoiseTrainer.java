package io.cnn4j.examples.denoise;

import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.distributed.GradientExchange;
import io.cnn4j.examples.models.DenoiserModels;
import io.cnn4j.examples.util.UserInputException;
import io.cnn4j.io.Checkpoint;
import io.cnn4j.io.HostTensor;
import io.cnn4j.io.SafeTensorsFile;
import io.cnn4j.nn.Module;
import io.cnn4j.optim.Adam;
import io.cnn4j.optim.AdamW;
import io.cnn4j.optim.CosineAnnealingLR;
import io.cnn4j.optim.Optimizer;
import io.cnn4j.optim.SGD;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.MemoryScope;
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

    private final DenoiseConfig config;
    private final Backend backend;
    private final Module model;
    private final Optimizer optimizer;
    private final CosineAnnealingLR schedule;
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
        this.config = config.validate();
        this.backend = backend;
        this.gradient = new DenoiseGradient(config, trainDir, backend.name(), trainImages);
        this.model = gradient.createModel(backend);
        this.optimizer = switch (config.optimizer()) {
            case "adam" -> new Adam(model.namedParameters(), config.lr());
            case "adamw" -> new AdamW(model.namedParameters(), config.lr());
            case "sgd" -> new SGD(model.namedParameters(), config.lr(), 0.9);
            default -> throw new UserInputException("unknown optimizer " + config.optimizer());
        };
        this.schedule = config.schedule().equals("cosine") ? new CosineAnnealingLR(optimizer, config.steps()) : null;
        this.history = new TrainingHistory();
    }

    public DenoiseConfig config() { return config; }

    public Module model() { return model; }

    public long step() { return step; }

    public TrainingHistory history() { return history; }

    public double trainSeconds() { return trainSeconds; }

    public Backend backend() { return backend; }

    /** The gradient of a step, in the form a data-parallel engine ships to its workers. */
    public DenoiseGradient gradient() { return gradient; }

    /**
     * From now on each step's gradient comes from {@code exchange} (data-parallel workers) instead of this process;
     * the optimizer step, schedule, history and checkpoints stay here.
     */
    public void distribute(GradientExchange exchange) { this.exchange = exchange; }

    /** One optimizer step; returns the batch loss. */
    public double trainStep() {
        long t0 = System.nanoTime();
        double value;
        model.train();
        try (MemoryScope scope = backend.scope()) {
            optimizer.zeroGrad();
            value = exchange != null ? exchange.gradients(step, model) : gradient.accumulate(model, backend, step, 0, config.batch());
            optimizer.step();
            if (schedule != null) schedule.step();
        }
        if (!Double.isFinite(value))
            throw new IllegalStateException("training diverged at step " + (step + 1) + " (loss " + value + "); try a smaller --lr");
        step++;
        history.loss.add(value);
        trainSeconds += (System.nanoTime() - t0) / 1e9;
        return value;
    }

    /** Records a validation score for the current step. */
    public void recordValPsnr(double psnr) {
        if (!history.valPsnr.isEmpty() && history.valPsnr.get(history.valPsnr.size() - 1)[0] == step) history.valPsnr.remove(history.valPsnr.size() - 1);
        history.valPsnr.add(new double[]{step, psnr});
    }

    /** A denoiser running the current model. */
    public ModuleDenoiser denoiser() { return new ModuleDenoiser(model, backend, DenoiserModels.PAD_MULTIPLE); }

    /** Metadata describing the model for {@code denoise-image}/{@code denoise-eval}. */
    public Map<String, String> modelMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", MODEL_FORMAT);
        m.put("model", config.model());
        m.put("sigma", Double.toString(config.sigma()));
        m.put("steps_trained", Long.toString(step));
        return m;
    }

    /** Saves the model weights (PyTorch state_dict names) with {@link #modelMetadata()}. */
    public void saveModel(Path file) throws IOException { Checkpoint.save(model, file, modelMetadata()); }

    /** Saves everything {@link #restore} needs, atomically. */
    public void saveState(Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put("model." + k, v));
        optimizer.state().forEach((k, v) -> tensors.put("optim." + k, v));
        Map<String, String> meta = new LinkedHashMap<>(config.toMetadata());
        meta.put("format", STATE_FORMAT);
        meta.put("step", Long.toString(step));
        meta.put("train_seconds", Double.toString(trainSeconds));
        meta.put("history", history.toJson());
        Checkpoint.saveTensors(file, tensors, meta);
    }

    /** Reads the configuration stored in a training state file (to build a trainer that can restore it). */
    public static DenoiseConfig configOf(SafeTensorsFile state, Path file) {
        if (!STATE_FORMAT.equals(state.metadata().get("format")))
            throw new UserInputException(file + " is not a denoiser training state (format '" + state.metadata().get("format")
                    + "'); pass the train-state.safetensors that `cnn4j denoise` writes to its --out folder");
        return DenoiseConfig.fromMetadata(state.metadata(), file.toString());
    }

    /** Restores model, optimizer, schedule, step and history from a state file written by {@link #saveState}. */
    public void restore(SafeTensorsFile state, Path file) {
        DenoiseConfig saved = configOf(state, file);
        if (!saved.equals(config))
            throw new UserInputException("cannot resume from " + file + ": it was trained with " + saved + ", this run asks for " + config);
        Map<String, HostTensor> modelPart = new LinkedHashMap<>(), optimPart = new LinkedHashMap<>();
        state.tensors().forEach((k, v) -> {
            if (k.startsWith("model.")) modelPart.put(k.substring(6), v);
            else if (k.startsWith("optim.")) optimPart.put(k.substring(6), v);
        });
        try {
            Checkpoint.copyInto(model.stateDict(), modelPart, "model '" + config.model() + "'");
            Map<String, Tensor> opt = new LinkedHashMap<>();
            optimPart.forEach((k, v) -> opt.put(k, v.toTensor(backend, config.dtype())));
            optimizer.loadState(opt);
        } catch (UserInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UserInputException("cannot resume from " + file + ": " + e.getMessage(), e);
        }
        step = Long.parseLong(state.metadata().get("step"));
        if (step > config.steps()) throw new UserInputException(file + " is at step " + step + ", beyond --steps " + config.steps());
        if (schedule != null) schedule.setLastEpoch((int) step);
        trainSeconds = Double.parseDouble(state.metadata().getOrDefault("train_seconds", "0"));
        TrainingHistory h = TrainingHistory.fromJson(state.metadata().get("history"), file.toString());
        history.loss.clear();
        history.loss.addAll(h.loss);
        history.valPsnr.clear();
        history.valPsnr.addAll(h.valPsnr);
    }
}
