package io.cnn4j.spark;

import io.cnn4j.backend.Backends;
import io.cnn4j.examples.data.ImageLoader;
import io.cnn4j.examples.data.ImageSet;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.denoise.DenoiseConfig;
import io.cnn4j.examples.denoise.DenoiseTrainer;
import io.cnn4j.examples.distributed.GradientExchange;
import io.cnn4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: the same denoiser run in one process and on Spark, and how far apart their weights end up. */
final class Training {
    private Training() {}

    static final List<RgbImage> TRAIN = ImageSet.dirOrBundled(null, "train", ImageLoader.DEFAULT_MAX_PIXELS);

    /** Trains {@code steps} steps in this process; returns the final state dict as host arrays. */
    static Map<String, double[]> singleProcess(DenoiseConfig config, int steps) {
        DenoiseTrainer t = new DenoiseTrainer(config, Backends.select("reference"), TRAIN);
        for (int i = 0; i < steps; i++) t.trainStep();
        return host(t);
    }

    /** Trains {@code steps} steps with the gradients from Spark on {@code master} with {@code workers} shards. */
    static Map<String, double[]> onSpark(DenoiseConfig config, int steps, String master, int workers) {
        DenoiseTrainer t = new DenoiseTrainer(config, Backends.select("reference"), TRAIN);
        try (GradientExchange ex = new SparkDataParallel().open(master, workers, t.gradient())) {
            t.distribute(ex);
            for (int i = 0; i < steps; i++) t.trainStep();
        }
        return host(t);
    }

    static Map<String, double[]> host(DenoiseTrainer t) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : t.model().stateDict().entrySet()) out.put(e.getKey(), e.getValue().toDoubleArray());
        return out;
    }

    /** max over tensors of max|a − b| / max|a| (each tensor relative to its own scale). */
    static double maxRelativeDifference(Map<String, double[]> a, Map<String, double[]> b) {
        if (!a.keySet().equals(b.keySet())) throw new AssertionError("different tensors: " + a.keySet() + " vs " + b.keySet());
        double worst = 0;
        for (String k : a.keySet()) {
            double[] x = a.get(k), y = b.get(k);
            double scale = 0, diff = 0;
            for (int i = 0; i < x.length; i++) {
                scale = Math.max(scale, Math.abs(x[i]));
                diff = Math.max(diff, Math.abs(x[i] - y[i]));
            }
            worst = Math.max(worst, diff / Math.max(scale, Double.MIN_NORMAL));
        }
        return worst;
    }
}
