package io.cnn4j.spark;

import io.cnn4j.backend.Backends;
import io.cnn4j.examples.data.ImageLoader;
import io.cnn4j.examples.data.ImageSet;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.denoise.DenoiseConfig;
import io.cnn4j.examples.denoise.DenoiseGradient;
import io.cnn4j.examples.distributed.ShardGradient;
import io.cnn4j.examples.models.DenoiserModels;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.Module;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sequential;
import io.cnn4j.nn.Sigmoid;
import io.cnn4j.nn.Upsampling;
import io.cnn4j.optim.Adam;
import io.cnn4j.optim.TrainingStep;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;

import java.util.List;
import java.util.Locale;

/**
 * Measures a data-parallel training step against the single-process step (the figures in docs/spark.md):
 * <pre>
 *   java -cp "spark/target/cnn4j-spark.jar:spark/target/lib/*" io.cnn4j.spark.SparkThroughput MODEL MASTER WORKERS STEPS BATCH CROP
 * </pre>
 * MODEL is {@code seed}, {@code unet} or {@code seed-10m} (the seed network's layout with 560/2240 channels,
 * 10.0M parameters). MASTER {@code none} times only the single-process step. The first step of each run is a
 * warm-up and not counted. Prints one line: s/step and images/s of both, the mean shard compute time, the Spark
 * overhead per step (step time minus the mean shard compute time) and the bytes moved per step.
 */
public final class SparkThroughput {
    private SparkThroughput() {}

    /** The denoiser gradient with a model of another size (same data, loss and sampling). */
    record Resized(DenoiseGradient inner, int c1, int c2) implements ShardGradient {
        @Override public Module createModel(Backend b) {
            Context ctx = Context.of(b, DType.FLOAT32, 0);
            return new Sequential(new Conv2d(ctx, 3, c1, 2, 2), new ReLU(), new Conv2d(ctx, c1, c2, 2, 2), new ReLU(),
                    new Upsampling(ctx, c2, c1, 2, 2), new ReLU(), new Upsampling(ctx, c1, 3, 2, 2), new Sigmoid());
        }
        @Override public String backendName() { return inner.backendName(); }
        @Override public int batch() { return inner.batch(); }
        @Override public double accumulate(Module m, Backend b, long step, int from, int to) { return inner.accumulate(m, b, step, from, to); }
    }

    public static void main(String[] args) {
        if (args.length != 6) {
            System.err.println("usage: SparkThroughput MODEL(seed|unet|seed-10m) MASTER(local[K]|spark://h:p|none) WORKERS STEPS BATCH CROP");
            System.exit(2);
        }
        String model = args[0], master = args[1];
        int workers = Integer.parseInt(args[2]), steps = Integer.parseInt(args[3]), batch = Integer.parseInt(args[4]), crop = Integer.parseInt(args[5]);
        List<RgbImage> train = ImageSet.dirOrBundled(null, "train", ImageLoader.DEFAULT_MAX_PIXELS);
        Backend be = Backends.select("reference");
        DenoiseConfig c = new DenoiseConfig(model.equals("seed-10m") ? "seed" : model, steps + 1, batch, crop, 1e-3, "adam", "constant", 0.1, false, 0);
        DenoiseGradient denoise = new DenoiseGradient(c, null, be.name(), train);
        ShardGradient task = model.equals("seed-10m") ? new Resized(denoise, 560, 2240) : denoise;
        Module m = task.createModel(be);
        long params = DenoiserModels.parameterCount(m);
        TrainingStep<Void> step = TrainingStep.withExternalGradients(m, new Adam(m.namedParameters(), 1e-3), null);
        if (master.equals("none")) {
            double t = 0;
            for (int s = 0; s <= steps; s++) {
                long t0 = System.nanoTime();
                int at = s;
                step.run(be, () -> task.accumulate(m, be, at, 0, batch));
                if (s > 0) t += (System.nanoTime() - t0) / 1e9;
            }
            System.out.printf(Locale.ROOT, "%s (%d params) single process: %.3f s/step, %.1f images/s%n", model, params, t / steps, steps * batch / t);
            return;
        }
        try (SparkGradientExchange ex = SparkGradientExchange.start(SparkMaster.parse(master), workers, task)) {
            double t = 0, shard = 0;
            for (int s = 0; s <= steps; s++) {
                long t0 = System.nanoTime();
                double before = ex.meanShardSeconds() * s;
                int at = s;
                step.run(be, () -> ex.gradients(at, m));
                if (s > 0) {
                    t += (System.nanoTime() - t0) / 1e9;
                    shard += ex.meanShardSeconds() * (s + 1) - before;
                }
            }
            System.out.printf(Locale.ROOT, "%s (%d params) %s, %d workers: %.3f s/step, %.1f images/s, shard compute %.3f s, overhead %.3f s/step; %s%n",
                    model, params, master, workers, t / steps, steps * batch / t, shard / steps, (t - shard) / steps, ex.statistics());
        }
    }
}
