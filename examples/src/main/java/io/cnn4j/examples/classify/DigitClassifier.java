package io.cnn4j.examples.classify;

import io.cnn4j.examples.data.Digits;
import io.cnn4j.loss.CrossEntropyLoss;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Module;
import io.cnn4j.optim.Adam;
import io.cnn4j.optim.CosineAnnealingLR;
import io.cnn4j.optim.Optimizer;
import io.cnn4j.optim.SGD;
import io.cnn4j.optim.TrainingStep;
import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Trains a digit classifier ({@code DigitNet} or {@code DigitResNet}: logits [N, 10] for [N, 1, 20, 20]) on a
 * {@link Digits} set with cross-entropy: shuffled mini-batches each epoch, optional random shifts of up to
 * {@code shift} pixels (zero fill) as augmentation, Adam or SGD with momentum and a cosine schedule over all steps,
 * each step a {@link TrainingStep}. Everything random is seeded.
 */
public final class DigitClassifier {
    private final Backend backend;
    private final Module model;
    private final Optimizer optimizer;
    private final CosineAnnealingLR schedule;
    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private final TrainingStep<int[]> step;
    private final int batch, shift;
    private final SplittableRandom rng;

    /** {@code network} builds the model from a float32 context on {@code backend} seeded with {@code seed}. */
    public DigitClassifier(Backend backend, Function<Context, Module> network, String optimizerName, double lr, int batch, int epochs,
                           int trainCount, int shift, long seed) {
        this.backend = backend;
        this.model = network.apply(Context.of(backend, DType.FLOAT32, seed));
        this.optimizer = optimizerName.equals("sgd") ? new SGD(model.namedParameters(), lr, 0.9) : new Adam(model.namedParameters(), lr);
        int stepsPerEpoch = (trainCount + batch - 1) / batch;
        this.schedule = new CosineAnnealingLR(optimizer, Math.max(1, stepsPerEpoch * epochs));
        this.step = new TrainingStep<>(model, loss, optimizer, schedule);
        this.batch = batch;
        this.shift = shift;
        this.rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    public Module model() { return model; }

    /** One pass over {@code train} in a fresh random order; returns the mean batch loss. */
    public double epoch(Digits train) {
        int n = train.count(), px = train.rows() * train.cols();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double sum = 0;
        int batches = 0;
        model.train();
        for (int start = 0; start < n; start += batch) {
            int b = Math.min(batch, n - start);
            float[] x = new float[b * px];
            int[] y = new int[b];
            for (int k = 0; k < b; k++) {
                int idx = order[start + k];
                int dy = shift == 0 ? 0 : rng.nextInt(2 * shift + 1) - shift, dx = shift == 0 ? 0 : rng.nextInt(2 * shift + 1) - shift;
                shifted(train.pixels(), idx * px, train.rows(), train.cols(), dy, dx, x, k * px);
                y[k] = train.labels()[idx];
            }
            sum += step.run(backend, () -> backend.fromArray(x, b, 1, train.rows(), train.cols()), y);
            batches++;
        }
        return sum / batches;
    }

    /** Copies one image moved by (dy, dx) pixels, filling uncovered pixels with 0 (background). */
    static void shifted(float[] src, int off, int rows, int cols, int dy, int dx, float[] dst, int dOff) {
        for (int r = 0; r < rows; r++) {
            int sr = r - dy;
            for (int c = 0; c < cols; c++) {
                int sc = c - dx;
                dst[dOff + r * cols + c] = sr >= 0 && sr < rows && sc >= 0 && sc < cols ? src[off + sr * cols + sc] : 0f;
            }
        }
    }

    /** Predicted class of every sample, in eval mode, in batches of 250. */
    public int[] predict(Digits set) {
        int n = set.count(), px = set.rows() * set.cols();
        int[] out = new int[n];
        model.eval();
        for (int start = 0; start < n; start += 250) {
            int b = Math.min(250, n - start);
            float[] x = new float[b * px];
            System.arraycopy(set.pixels(), start * px, x, 0, b * px);
            try (MemoryScope s = backend.scope()) {
                ArgMax am = backend.max(model.forward(backend.fromArray(x, b, 1, set.rows(), set.cols())), 1, false);
                double[] idx = am.indices().toDoubleArray();
                for (int k = 0; k < b; k++) out[start + k] = (int) idx[k];
            }
        }
        model.train();
        return out;
    }
}
