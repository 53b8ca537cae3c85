package io.cnn4j.examples.classify;

import io.cnn4j.examples.data.Digits;
import io.cnn4j.examples.distributed.GradientExchange;
import io.cnn4j.nn.Module;
import io.cnn4j.optim.Adam;
import io.cnn4j.optim.CosineAnnealingLR;
import io.cnn4j.optim.Optimizer;
import io.cnn4j.optim.SGD;
import io.cnn4j.optim.TrainingStep;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.Backend;

import java.nio.file.Path;

/**
 * Trains a digit classifier ({@code DigitNet} or {@code DigitResNet}: logits [N, 10] for [N, 1, 20, 20]) on a
 * {@link Digits} set with cross-entropy: shuffled mini-batches
 * each epoch, optional random shifts of up to {@code shift} pixels (zero fill) as augmentation ({@link DigitGradient}),
 * Adam or SGD with momentum and a cosine schedule over all steps. Everything random is seeded.
 */
public final class DigitClassifier {
    private final Backend backend;
    private final Module model;
    private final Optimizer optimizer;
    private final TrainingStep<Void> trainingStep;
    private final DigitGradient gradient;
    private GradientExchange exchange;
    private long step;

    /**
     * @param modelName {@code digitnet} or {@code resnet}
     * @param train   the training digits (already limited)
     * @param dataDir where they were read from (null: the bundled set), for data-parallel workers
     * @param limit   the {@code --limit-train} applied to them, or null
     */
    public DigitClassifier(Backend backend, String modelName, int c1, int c2, String optimizerName, double lr, int batch, int epochs, Digits train,
                           Path dataDir, Integer limit, int shift, long seed) {
        this.backend = backend;
        this.gradient = new DigitGradient(modelName, c1, c2, batch, shift, seed, dataDir, limit, backend.name(), train);
        this.model = gradient.createModel(backend);
        this.optimizer = optimizerName.equals("sgd") ? new SGD(model.namedParameters(), lr, 0.9) : new Adam(model.namedParameters(), lr);
        this.trainingStep = TrainingStep.withExternalGradients(model, optimizer,
                new CosineAnnealingLR(optimizer, Math.max(1, gradient.stepsPerEpoch() * epochs)));
    }

    public Module model() { return model; }

    /** The gradient of a step, in the form a data-parallel engine ships to its workers. */
    public DigitGradient gradient() { return gradient; }

    /** From now on each step's gradient comes from {@code exchange}; the optimizer step and schedule stay here. */
    public void distribute(GradientExchange exchange) { this.exchange = exchange; }

    /** One pass over the training digits in the epoch's random order ({@link DigitGradient}); returns the mean batch loss. */
    public double epoch() {
        double sum = 0;
        int batches = gradient.stepsPerEpoch();
        for (int i = 0; i < batches; i++, step++) {
            long at = step;
            sum += trainingStep.run(backend, () -> exchange != null ? exchange.gradients(at, model)
                    : gradient.accumulate(model, backend, at, 0, gradient.rows(at)));
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
