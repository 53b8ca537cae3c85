package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.CliException;
import io.cnn4j.examples.data.DataIdentity;
import io.cnn4j.io.HostTensor;
import io.cnn4j.io.SafeTensors;
import io.cnn4j.io.SafeTensorsFile;
import io.cnn4j.io.SafeTensorsFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A denoiser training state ({@code train-state.safetensors}) read and validated as a whole before any work, so
 * that a damaged file fails at once with one line instead of after a training run. Checked: the format marker, the
 * configuration, {@code step} (0..steps), {@code train_seconds} (finite, ≥ 0), the history (see
 * {@link TrainingHistory#fromJson}), the optional data identity and evaluation seed, that every tensor is a
 * {@code model.*} or {@code optim.*} entry, and that every model weight is finite.
 *
 * @param config    the run's configuration
 * @param step      optimizer steps done
 * @param trainSeconds training time so far
 * @param history   loss per step and validation PSNRs
 * @param evalSeed  seed of the validation noise, or null in files written before it was stored
 * @param trainData identity of the training images, or null when not stored
 * @param valData   identity of the validation images, or null when not stored
 * @param model     model weights (state-dict names)
 * @param optim     optimizer state (names as {@link io.cnn4j.optim.Optimizer#state()} gives them)
 */
public record TrainState(DenoiseConfig config, long step, double trainSeconds, TrainingHistory history, Long evalSeed,
                         DataIdentity trainData, DataIdentity valData, Map<String, HostTensor> model, Map<String, HostTensor> optim) {

    /** Reads and validates {@code file}; every problem is a {@link CliException} naming the file. */
    public static TrainState read(Path file) {
        if (!Files.isRegularFile(file)) throw new CliException("--resume " + file + " does not exist or is not a file");
        SafeTensorsFile f;
        try {
            f = SafeTensors.read(file);
        } catch (SafeTensorsFormatException e) {
            throw new CliException("--resume " + file + " is not a valid safetensors file: " + e.getMessage());
        } catch (IOException e) {
            throw new CliException("cannot read --resume " + file + ": " + e.getMessage());
        }
        return of(f, file.toString());
    }

    /** Validates a state already read; {@code where} names it in messages. */
    public static TrainState of(SafeTensorsFile f, String where) {
        Map<String, String> md = f.metadata();
        if (!DenoiseTrainer.STATE_FORMAT.equals(md.get("format")))
            throw new CliException(where + " is not a denoiser training state (format '" + md.get("format")
                    + "'); pass the train-state.safetensors that `cnn4j denoise` writes to its --out folder");
        DenoiseConfig config = DenoiseConfig.fromMetadata(md, where);
        try {
            config.validate();
        } catch (CliException e) {
            throw new CliException(where + ": invalid saved configuration: " + e.getMessage());
        }
        long step = parseLong(md, "step", where);
        if (step < 0 || step > config.steps())
            throw new CliException(where + ": saved step " + step + " is outside 0.." + config.steps() + "; the train-state is damaged");
        double seconds = md.containsKey("train_seconds") ? parseDouble(md, "train_seconds", where) : 0;
        if (!Double.isFinite(seconds) || seconds < 0)
            throw new CliException(where + ": saved train_seconds " + md.get("train_seconds") + " is not a finite number >= 0; the train-state is damaged");
        TrainingHistory history = TrainingHistory.fromJson(md.get("history"), step, where);
        Long evalSeed = md.containsKey("eval_seed") ? parseLong(md, "eval_seed", where) : null;
        DataIdentity train = identity(md, "train", where), val = identity(md, "val", where);

        Map<String, HostTensor> model = new LinkedHashMap<>(), optim = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : f.tensors().entrySet()) {
            String k = e.getKey();
            if (k.startsWith("model.")) model.put(k.substring(6), e.getValue());
            else if (k.startsWith("optim.")) optim.put(k.substring(6), e.getValue());
            else throw new CliException(where + ": unexpected tensor '" + k + "' (a train-state holds only model.* and optim.* tensors); the file is damaged");
        }
        FiniteWeights.firstNonFinite(model).ifPresent(t -> {
            throw new CliException(where + ": model weight " + t + " is not finite; refusing to resume from it (use an earlier checkpoint)");
        });
        FiniteWeights.firstNonFinite(optim).ifPresent(t -> {
            throw new CliException(where + ": optimizer state " + t + " is not finite; refusing to resume from it (use an earlier checkpoint)");
        });
        return new TrainState(config, step, seconds, history, evalSeed, train, val, model, optim);
    }

    /** The metadata keys of a data identity: {@code <split>_data} and {@code <split>_sha256}. */
    static void putIdentity(Map<String, String> md, String split, DataIdentity id) {
        md.put(split + "_data", id.source());
        md.put(split + "_sha256", id.sha256());
    }

    private static DataIdentity identity(Map<String, String> md, String split, String where) {
        String source = md.get(split + "_data"), hash = md.get(split + "_sha256");
        if (source == null && hash == null) return null;
        if (source == null || hash == null || !hash.matches("[0-9a-f]{64}"))
            throw new CliException(where + ": malformed " + split + " data identity (" + split + "_data / " + split + "_sha256); the train-state is damaged");
        return new DataIdentity(source, hash);
    }

    private static long parseLong(Map<String, String> md, String key, String where) {
        String v = md.get(key);
        if (v == null) throw new CliException(where + " is not a complete denoiser training state (metadata key '" + key + "' missing)");
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new CliException(where + ": metadata '" + key + "' is '" + v + "', not an integer; the train-state is damaged");
        }
    }

    private static double parseDouble(Map<String, String> md, String key, String where) {
        String v = md.get(key);
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new CliException(where + ": metadata '" + key + "' is '" + v + "', not a number; the train-state is damaged");
        }
    }
}
