package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.CliException;
import io.cnn4j.examples.data.DataIdentity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How {@code denoise --resume} combines the saved run with the options given now. The saved configuration wins;
 * an option given explicitly must agree with it, except {@code --steps}, which may extend the run (the cosine
 * schedule then spans the new total). The training and validation images must be the same (by content hash), and
 * so must {@code --eval-seed}. Every disagreement is a {@link CliException}: a resume never silently trains
 * on something else.
 */
final class ResumeOptions {
    private ResumeOptions() {}

    /** The options that are part of {@link DenoiseConfig}, with how to read each from a configuration. */
    private static final Map<String, Function<DenoiseConfig, Object>> CONFIG_OPTIONS = new LinkedHashMap<>();

    static {
        CONFIG_OPTIONS.put("--model", DenoiseConfig::model);
        CONFIG_OPTIONS.put("--batch", DenoiseConfig::batch);
        CONFIG_OPTIONS.put("--crop", DenoiseConfig::crop);
        CONFIG_OPTIONS.put("--lr", DenoiseConfig::lr);
        CONFIG_OPTIONS.put("--optimizer", DenoiseConfig::optimizer);
        CONFIG_OPTIONS.put("--momentum", DenoiseConfig::momentum);
        CONFIG_OPTIONS.put("--augment", DenoiseConfig::augment);
        CONFIG_OPTIONS.put("--schedule", DenoiseConfig::schedule);
        CONFIG_OPTIONS.put("--sigma", c -> c.sigma() * 255);
        CONFIG_OPTIONS.put("--noise2noise", DenoiseConfig::noise2noise);
        CONFIG_OPTIONS.put("--seed", DenoiseConfig::seed);
        CONFIG_OPTIONS.put("--dtype", DenoiseConfig::dtype);
    }

    /**
     * The configuration to continue with: the saved one, with {@code --steps} from {@code requested} when
     * {@code given.test("--steps")}. {@code requested} (already validated) holds the values of the options given.
     */
    static DenoiseConfig config(TrainState state, DenoiseConfig requested, Predicate<String> given, String file) {
        DenoiseConfig saved = state.config();
        for (Map.Entry<String, Function<DenoiseConfig, Object>> e : CONFIG_OPTIONS.entrySet()) {
            if (!given.test(e.getKey())) continue;
            Object now = e.getValue().apply(requested), then = e.getValue().apply(saved);
            if (!Objects.equals(now, then))
                throw new CliException(e.getKey() + " " + now + " differs from the resumed run's " + then + " (" + file
                        + "); --resume continues the saved run with its own settings, only --steps may change");
        }
        if (!given.test("--steps")) return saved;
        if (requested.steps() < state.step())
            throw new CliException("--steps " + requested.steps() + " is before the resumed run's step " + state.step() + " (" + file
                    + "); give --steps " + state.step() + " or more to extend it");
        return saved.withSteps(requested.steps());
    }

    /** The evaluation seed: the saved one; a different explicit {@code --eval-seed} is an error. */
    static long evalSeed(TrainState state, long requested, boolean given, String file) {
        if (state.evalSeed() == null) return requested;
        if (given && requested != state.evalSeed())
            throw new CliException("--eval-seed " + requested + " differs from the resumed run's " + state.evalSeed() + " (" + file
                    + "); drop the option to keep the run's validation noise");
        return state.evalSeed();
    }

    /**
     * Where to load the {@code split} images from: the folder given by {@code option}, else the saved source. The
     * content must hash to the saved value.
     */
    static DataIdentity data(DataIdentity saved, java.nio.file.Path givenOrNull, String split, String option, String file) {
        if (saved == null) return DataIdentity.of(givenOrNull, split);
        java.nio.file.Path dir = givenOrNull != null ? givenOrNull : saved.folder();
        if (givenOrNull == null && dir != null && !java.nio.file.Files.isDirectory(dir))
            throw new CliException("the resumed run's " + split + " images were in " + dir + ", which is gone; pass the same images with " + option);
        DataIdentity now = DataIdentity.of(dir, split);
        if (!now.sha256().equals(saved.sha256()))
            throw new CliException(option + " " + now + " is not the data the resumed run used, " + saved + " (" + file
                    + "); pass the same images, or start a new run without --resume");
        return now;
    }
}
