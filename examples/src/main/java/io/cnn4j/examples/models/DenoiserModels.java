package io.cnn4j.examples.models;

import io.cnn4j.examples.util.UserInputException;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.Module;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sequential;
import io.cnn4j.nn.Sigmoid;
import io.cnn4j.nn.Upsampling;

import java.util.List;

/**
 * The denoiser architectures the demos know, by name:
 * <ul>
 *   <li>{@code unet} (default): {@link UNet} width 16, about 118k parameters, residual.</li>
 *   <li>{@code seed}: the EE559 network, Conv2d 3→64 k2s2, ReLU, Conv2d 64→256 k2s2, ReLU, Upsampling 256→64 k2s2,
 *       ReLU, Upsampling 64→3 k2s2, Sigmoid (state dict names {@code 0.weight} … {@code 6.bias}).</li>
 * </ul>
 * Both need image sides that are multiples of 4 ({@link #PAD_MULTIPLE}); full images are reflection-padded.
 */
public final class DenoiserModels {
    private DenoiserModels() {}

    public static final String DEFAULT = "unet";
    public static final List<String> NAMES = List.of("unet", "seed");
    public static final int PAD_MULTIPLE = 4;

    /** Builds the named model; an unknown name throws {@link UserInputException} listing the known ones. */
    public static Module create(String name, Context ctx) {
        return switch (name) {
            case "unet" -> new UNet(ctx, 16);
            case "seed" -> seed(ctx);
            default -> throw new UserInputException("unknown model '" + name + "'; known models: " + String.join(", ", NAMES));
        };
    }

    /** The EE559 seed denoiser. */
    public static Sequential seed(Context ctx) {
        return new Sequential(new Conv2d(ctx, 3, 64, 2, 2), new ReLU(), new Conv2d(ctx, 64, 256, 2, 2), new ReLU(),
                new Upsampling(ctx, 256, 64, 2, 2), new ReLU(), new Upsampling(ctx, 64, 3, 2, 2), new Sigmoid());
    }

    /** Number of trainable values. */
    public static long parameterCount(Module m) {
        long n = 0;
        for (var p : m.parameters()) n += p.value().numel();
        return n;
    }
}
