package io.cnn4j.examples.denoise;

import io.cnn4j.examples.models.DenoiserModels;
import io.cnn4j.examples.util.UserInputException;
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
 * unknown model) is a {@link UserInputException} with a one-line explanation.
 */
public final class DenoiserCheckpoint {
    private DenoiserCheckpoint() {}

    /** A loaded model and its architecture name. */
    public record Loaded(String modelName, Module model) {
        public ModuleDenoiser denoiser(Backend backend) { return new ModuleDenoiser(model, backend, DenoiserModels.PAD_MULTIPLE); }
    }

    public static Loaded load(Path file, String modelOrNull, Backend backend) {
        if (!Files.isRegularFile(file)) throw new UserInputException("checkpoint " + file + " does not exist or is not a file");
        SafeTensorsFile f;
        try {
            f = SafeTensors.read(file);
        } catch (SafeTensorsFormatException e) {
            throw new UserInputException("checkpoint " + file + " is corrupt or not a safetensors file: " + e.getMessage());
        } catch (IOException e) {
            throw new UserInputException("cannot read checkpoint " + file + ": " + e.getMessage());
        }
        if (DenoiseTrainer.STATE_FORMAT.equals(f.metadata().get("format")))
            throw new UserInputException(file + " is a training state (for --resume); pass the model.safetensors next to it");
        String name = modelOrNull != null ? modelOrNull : f.metadata().get("model");
        if (name == null)
            throw new UserInputException("checkpoint " + file + " does not say which architecture it holds (no 'model' metadata); add --model "
                    + String.join("|", DenoiserModels.NAMES));
        Module model = DenoiserModels.create(name, Context.of(backend, DType.FLOAT32, 0));
        try {
            Checkpoint.copyInto(model.stateDict(), f.tensors(), "model '" + name + "'");
        } catch (IllegalArgumentException e) {
            throw new UserInputException("checkpoint " + file + " does not fit architecture '" + name + "' (wrong architecture?): "
                    + e.getMessage().replace('\n', ' '));
        }
        return new Loaded(name, model.eval());
    }
}
