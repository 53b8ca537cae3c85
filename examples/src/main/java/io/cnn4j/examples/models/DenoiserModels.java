package io.cnn4j.examples.models;

import io.cnn4j.examples.cli.CliException;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Module;

import java.util.List;

/**
 * The denoiser architectures the demos know, by name:
 * <ul>
 *   <li>{@code wide-unet} (default): {@link WideUNet} width 32, 119,075 parameters, residual, one downsampling: more
 *       capacity at full resolution for about 3.4× the compute of {@code unet}, and about 1 dB better.</li>
 *   <li>{@code unet}: {@link UNet} width 16, about 118k parameters, residual, two downsamplings.</li>
 *   <li>{@code unet-w32}: {@link UNet} width 32, 470,723 parameters: {@code wide-unet}'s 32 channels at full
 *       resolution with a second downsampling, so its receptive field spans 34 pixels instead of 18, for about
 *       1.3× {@code wide-unet}'s multiply-adds.</li>
 *   <li>{@code unet-w32-d3}: {@link UNet} width 32 with a third downsampling (32/64/128/256 channels), 1,913,411
 *       parameters: a 70-pixel receptive field for about 1.35× {@code unet-w32}'s multiply-adds; image sides must be
 *       multiples of 8. The model of the documented longer run.</li>
 *   <li>{@code seed}: {@link SeedNet}, the EE559 network, Conv2d 3→64 k2s2, ReLU, Conv2d 64→256 k2s2, ReLU, Upsampling 256→64 k2s2,
 *       ReLU, Upsampling 64→3 k2s2, Sigmoid (state dict names {@code 0.weight} … {@code 6.bias}).</li>
 * </ul>
 * Image sides must be multiples of {@link #sideMultiple} (4, or 8 for {@code unet-w32-d3}); full images are
 * reflection-padded to it.
 */
public final class DenoiserModels {
    private DenoiserModels() {}

    public static final String DEFAULT = "wide-unet";
    public static final List<String> NAMES = List.of("unet", "wide-unet", "unet-w32", "unet-w32-d3", "seed");

    /** Builds the named model; an unknown name throws {@link CliException} listing the known ones. */
    public static Module create(String name, Context ctx) {
        return switch (name) {
            case "unet" -> new UNet(ctx, 16);
            case "wide-unet" -> new WideUNet(ctx, 32);
            case "unet-w32" -> new UNet(ctx, 32);
            case "unet-w32-d3" -> new UNet(ctx, 32, 3);
            case "seed" -> new SeedNet(ctx);
            default -> throw unknown(name);
        };
    }

    /**
     * Image and crop sides for the named model must be multiples of this (full images are reflection-padded to it):
     * 2^depth for the {@link UNet}s, 4 for the others (two k2s2 stages in {@link SeedNet}; {@link WideUNet} needs 2
     * and has always been padded to 4). An unknown name throws like {@link #create}.
     */
    public static int sideMultiple(String name) {
        return switch (name) {
            case "unet", "unet-w32", "wide-unet", "seed" -> 4;
            case "unet-w32-d3" -> 8;
            default -> throw unknown(name);
        };
    }

    private static CliException unknown(String name) {
        return new CliException("unknown model '" + name + "'; known models: " + String.join(", ", NAMES));
    }

    /** Number of trainable values. */
    public static long parameterCount(Module m) {
        long n = 0;
        for (var p : m.parameters()) n += p.value().numel();
        return n;
    }
}
