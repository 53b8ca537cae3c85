package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.CliException;
import io.cnn4j.tensor.DType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that determines a denoiser training run's result. Stored in the training state so that
 * {@code --resume} continues the same run (a resumed run must use the same values).
 *
 * @param model       architecture name ({@code unet}, {@code seed})
 * @param steps       total optimizer steps of the run (the cosine schedule spans them)
 * @param batch       crops per step
 * @param crop        crop side in pixels (a multiple of 4; of 8 for {@code unet-w32-d3})
 * @param lr          base learning rate
 * @param optimizer   {@code adam}, {@code adamw} or {@code sgd}
 * @param momentum    SGD momentum ({@code torch.optim.SGD}'s {@code momentum}; 0 is plain SGD); 0 for Adam/AdamW
 * @param schedule    {@code cosine} (decay to 0 over {@code steps}) or {@code constant}
 * @param sigma       noise standard deviation on the [0, 1] scale
 * @param noise2noise train towards an independently noised copy instead of the clean crop
 * @param augment     {@code dihedral} (each crop flipped/rotated by one of the 8 symmetries of the square) or {@code none}
 * @param seed        seeds model initialisation, crop positions and training noise
 * @param dtype       element type of weights, activations and optimizer state ({@code FLOAT64} for exact comparisons)
 */
public record DenoiseConfig(String model, int steps, int batch, int crop, double lr, String optimizer, double momentum,
                            String schedule, double sigma, boolean noise2noise, String augment, long seed, DType dtype) {

    /** A run without augmentation and, for SGD, without momentum. */
    public DenoiseConfig(String model, int steps, int batch, int crop, double lr, String optimizer, String schedule,
                         double sigma, boolean noise2noise, long seed, DType dtype) {
        this(model, steps, batch, crop, lr, optimizer, 0.0, schedule, sigma, noise2noise, NO_AUGMENT, seed, dtype);
    }

    /** A float32 run without augmentation and, for SGD, without momentum. */
    public DenoiseConfig(String model, int steps, int batch, int crop, double lr, String optimizer, String schedule,
                         double sigma, boolean noise2noise, long seed) {
        this(model, steps, batch, crop, lr, optimizer, schedule, sigma, noise2noise, seed, DType.FLOAT32);
    }

    public static final List<String> OPTIMIZERS = List.of("adam", "adamw", "sgd");
    public static final List<String> SCHEDULES = List.of("cosine", "constant");
    public static final String DIHEDRAL = "dihedral", NO_AUGMENT = "none";
    public static final List<String> AUGMENTATIONS = List.of(DIHEDRAL, NO_AUGMENT);
    /** The SGD momentum of training states written before the momentum was recorded. */
    static final double LEGACY_SGD_MOMENTUM = 0.9;

    /** Checks ranges and names; throws {@link CliException} naming the option. */
    public DenoiseConfig validate() {
        if (!io.cnn4j.examples.models.DenoiserModels.NAMES.contains(model))
            throw new CliException("unknown model '" + model + "'; known models: " + String.join(", ", io.cnn4j.examples.models.DenoiserModels.NAMES));
        if (steps < 1) throw new CliException("--steps must be >= 1, got " + steps);
        if (batch < 1) throw new CliException("--batch must be >= 1, got " + batch);
        int side = io.cnn4j.examples.models.DenoiserModels.sideMultiple(model);
        if (crop < side || crop % side != 0)
            throw new CliException("--crop must be a multiple of " + side + " and >= " + side + " for model " + model + ", got " + crop);
        if (!(lr > 0) || Double.isInfinite(lr)) throw new CliException("--lr must be a positive number, got " + lr);
        if (!OPTIMIZERS.contains(optimizer)) throw new CliException("unknown --optimizer '" + optimizer + "'; known: " + String.join(", ", OPTIMIZERS));
        if (!(momentum >= 0 && momentum < 1)) throw new CliException("--momentum must be in [0, 1), got " + momentum);
        if (momentum != 0 && !optimizer.equals("sgd"))
            throw new CliException("--momentum applies to --optimizer sgd only (Adam and AdamW use betas 0.9, 0.999); drop it or use --optimizer sgd");
        if (!AUGMENTATIONS.contains(augment)) throw new CliException("unknown --augment '" + augment + "'; known: " + String.join(", ", AUGMENTATIONS));
        if (!SCHEDULES.contains(schedule)) throw new CliException("unknown --schedule '" + schedule + "'; known: " + String.join(", ", SCHEDULES));
        if (dtype == null) throw new CliException("--dtype is missing; use f32 or f64");
        if (!(sigma > 0) || sigma > 1) throw new CliException("--sigma must be in (0, 255] (on the 0..255 scale), got " + sigma * 255);
        return this;
    }

    /** The same run with a different total number of steps (how {@code --resume --steps N} extends a run). */
    public DenoiseConfig withSteps(int newSteps) {
        return new DenoiseConfig(model, newSteps, batch, crop, lr, optimizer, momentum, schedule, sigma, noise2noise, augment, seed, dtype);
    }

    /** As strings, for checkpoint metadata. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("steps", Integer.toString(steps));
        m.put("batch", Integer.toString(batch));
        m.put("crop", Integer.toString(crop));
        m.put("lr", Double.toString(lr));
        m.put("optimizer", optimizer);
        m.put("momentum", Double.toString(momentum));
        m.put("schedule", schedule);
        m.put("sigma", Double.toString(sigma));
        m.put("noise2noise", Boolean.toString(noise2noise));
        m.put("augment", augment);
        m.put("seed", Long.toString(seed));
        m.put("dtype", dtype.name());
        return m;
    }

    /**
     * Inverse of {@link #toMetadata()}; throws {@link CliException} naming the key when one is missing or malformed.
     * States written before momentum and augmentation were recorded are runs without augmentation whose SGD used
     * momentum {@value #LEGACY_SGD_MOMENTUM}.
     */
    public static DenoiseConfig fromMetadata(Map<String, String> m, String where) {
        String noise2noise = req(m, "noise2noise", where);
        if (!noise2noise.equals("true") && !noise2noise.equals("false")) throw malformed(where, "noise2noise", noise2noise);
        String optimizer = req(m, "optimizer", where);
        double momentum = m.containsKey("momentum") ? decimal(m, "momentum", where) : optimizer.equals("sgd") ? LEGACY_SGD_MOMENTUM : 0.0;
        return new DenoiseConfig(req(m, "model", where), integer(m, "steps", where), integer(m, "batch", where), integer(m, "crop", where),
                decimal(m, "lr", where), optimizer, momentum, req(m, "schedule", where), decimal(m, "sigma", where),
                Boolean.parseBoolean(noise2noise), m.getOrDefault("augment", NO_AUGMENT), whole(m, "seed", where),
                dtypeOf(m.getOrDefault("dtype", DType.FLOAT32.name()), where));
    }

    private static long whole(Map<String, String> m, String key, String where) {
        String v = req(m, key, where);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw malformed(where, key, v);
        }
    }

    /** States written before the dtype was recorded are float32 runs. */
    private static DType dtypeOf(String name, String where) {
        try {
            return DType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw malformed(where, "dtype", name);
        }
    }

    private static int integer(Map<String, String> m, String key, String where) {
        long n = whole(m, key, where);
        if (n != (int) n) throw malformed(where, key, m.get(key));
        return (int) n;
    }

    private static double decimal(Map<String, String> m, String key, String where) {
        String v = req(m, key, where);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw malformed(where, key, v);
        }
    }

    private static CliException malformed(String where, String key, String value) {
        return new CliException(where + ": malformed training configuration: metadata '" + key + "' is '" + value + "'; the train-state is damaged");
    }

    private static String req(Map<String, String> m, String k, String where) {
        String v = m.get(k);
        if (v == null) throw new CliException(where + " is not a cnn4j denoiser training state (metadata key '" + k + "' missing)");
        return v;
    }
}
