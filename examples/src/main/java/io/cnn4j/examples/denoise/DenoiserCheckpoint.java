package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.CliException;
import io.cnn4j.examples.models.DenoiserModels;
import io.cnn4j.io.Checkpoint;
import io.cnn4j.io.SafeTensors;
import io.cnn4j.io.SafeTensorsFile;
import io.cnn4j.io.SafeTensorsFormatException;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Module;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a trained denoiser from a safetensors checkpoint (the {@code model.safetensors} that {@code cnn4j denoise}
 * writes, or a PyTorch state_dict saved with safetensors). The architecture comes from {@code --model} when given,
 * else from the file's {@code model} metadata. Every failure (missing file, corrupt file, wrong architecture,
 * unknown model, a NaN or infinite weight) is a {@link CliException} with a one-line explanation.
 */
public final class DenoiserCheckpoint {
    private DenoiserCheckpoint() {}

    /** A loaded model and its architecture name. */
    public record Loaded(String modelName, Module model) {
        public ModuleDenoiser denoiser(Backend backend) { return new ModuleDenoiser(model, backend, DenoiserModels.sideMultiple(modelName)); }

        /** {@link #denoiser}, averaged over the 8 flips and quarter turns when {@code selfEnsemble} ({@link SelfEnsembleDenoiser}). */
        public Denoiser denoiser(Backend backend, boolean selfEnsemble) {
            return selfEnsemble ? new SelfEnsembleDenoiser(denoiser(backend)) : denoiser(backend);
        }
    }

    public static Loaded load(Path file, String modelOrNull, Backend backend) {
        if (!Files.isRegularFile(file)) throw new CliException("checkpoint " + file + " does not exist or is not a file");
        SafeTensorsFile f;
        try {
            f = SafeTensors.read(file);
        } catch (SafeTensorsFormatException e) {
            throw new CliException("checkpoint " + file + " is corrupt or not a safetensors file: " + e.getMessage());
        } catch (IOException e) {
            throw new CliException("cannot read checkpoint " + file + ": " + e.getMessage());
        }
        if (DenoiseTrainer.STATE_FORMAT.equals(f.metadata().get("format")))
            throw new CliException(file + " is a training state (for --resume); pass the model.safetensors next to it");
        FiniteWeights.firstNonFinite(f.tensors()).ifPresent(t -> {
            throw new CliException("checkpoint " + file + ": tensor " + t + " is not finite; refusing to evaluate it (the run that wrote it diverged or the file is damaged)");
        });
        String name = modelOrNull != null ? modelOrNull : f.metadata().get("model");
        if (name == null)
            throw new CliException("checkpoint " + file + " does not say which architecture it holds (no 'model' metadata); add --model "
                    + String.join("|", DenoiserModels.NAMES));
        Module model = DenoiserModels.create(name, Context.of(backend, DType.FLOAT32, 0));
        try {
            Checkpoint.copyInto(model.stateDict(), f.tensors(), "model '" + name + "'");
        } catch (IllegalArgumentException e) {
            throw new CliException("checkpoint " + file + " does not fit architecture '" + name + "' (wrong architecture?): "
                    + e.getMessage().replace('\n', ' '));
        }
        return new Loaded(name, model.eval());
    }
}
