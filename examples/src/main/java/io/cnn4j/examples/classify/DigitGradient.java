package io.cnn4j.examples.classify;

import io.cnn4j.examples.data.Digits;
import io.cnn4j.examples.distributed.ShardGradient;
import io.cnn4j.examples.models.DigitNet;
import io.cnn4j.examples.models.DigitResNet;
import io.cnn4j.loss.CrossEntropyLoss;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Module;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The classifier's training gradient: cross-entropy of {@link DigitNet} or {@link DigitResNet} on step {@code t}'s
 * mini-batch. Epoch
 * {@code e} visits the training digits in a seeded random order and shifts each by up to {@code shift} pixels; the
 * order and the shifts of an epoch come from one random stream in a fixed sequence (shuffle, then two shifts per
 * digit in visiting order), so they are a function of (seed, epoch) that a worker can recompute. Batches are
 * consecutive runs of {@code batch} digits of the order; the last one of an epoch may be smaller.
 *
 * <p>Serialisable for data-parallel workers, which read the digits themselves from {@code dataDir} (visible to
 * every worker) or from the bundled set on their class path.
 */
public final class DigitGradient implements ShardGradient {
    private static final long serialVersionUID = 1L;

    private final String modelName;
    private final int c1, c2, batch, shift;
    private final long seed;
    private final String dataDir;
    private final Integer limitTrain;
    private final String backendName;
    private transient Digits train;
    private transient int planEpoch;
    private transient int[] order, dy, dx;

    /**
     * @param modelName  {@code digitnet} or {@code resnet}
     * @param dataDir    folder of the IDX files, absolute and visible to every worker; null for the bundled digits
     * @param limitTrain use only the first N training digits, or null for all
     * @param train      the digits already loaded here from {@code dataDir} (and limited), or null to load on first use
     */
    public DigitGradient(String modelName, int c1, int c2, int batch, int shift, long seed, Path dataDir, Integer limitTrain,
                         String backendName, Digits train) {
        this.modelName = modelName;
        this.c1 = c1;
        this.c2 = c2;
        this.batch = batch;
        this.shift = shift;
        this.seed = seed;
        this.dataDir = dataDir == null ? null : dataDir.toAbsolutePath().normalize().toString();
        this.limitTrain = limitTrain;
        this.backendName = backendName;
        this.train = train;
    }

    private synchronized Digits train() {
        if (train == null) {
            Digits d = dataDir == null ? Digits.bundled("train") : Digits.fromDirectory(Path.of(dataDir), "train");
            train = limitTrain == null ? d : ClassifyCommand.limit(d, limitTrain);
        }
        return train;
    }

    /** Mini-batches per epoch. */
    public int stepsPerEpoch() { return (train().count() + batch - 1) / batch; }

    @Override
    public Module createModel(Backend backend) {
        Context ctx = Context.of(backend, DType.FLOAT32, seed);
        return modelName.equals("resnet") ? new DigitResNet(ctx, c1, c2) : new DigitNet(ctx, c1, c2);
    }

    @Override
    public String backendName() { return backendName; }

    @Override
    public int batch() { return batch; }

    @Override
    public int rows(long step) {
        int n = train().count(), start = (int) (step % stepsPerEpoch()) * batch;
        return Math.min(batch, n - start);
    }

    @Override
    public double accumulate(Module model, Backend backend, long step, int from, int to) {
        Digits d = train();
        int px = d.rows() * d.cols(), b = to - from, rows = rows(step);
        int start = (int) (step % stepsPerEpoch()) * batch + from;
        float[] x = new float[b * px];
        int[] y = new int[b];
        synchronized (this) {
            plan((int) (step / stepsPerEpoch()));
            for (int k = 0; k < b; k++) {
                int i = start + k;
                DigitClassifier.shifted(d.pixels(), order[i] * px, d.rows(), d.cols(), dy[i], dx[i], x, k * px);
                y[k] = d.labels()[order[i]];
            }
        }
        CrossEntropyLoss loss = new CrossEntropyLoss();
        model.train();
        double value = loss.forward(model.forward(backend.fromArray(x, b, 1, d.rows(), d.cols())), y).item();
        Tensor dY = loss.backward();
        if (b == rows) {
            model.backward(dY);
            return value;
        }
        double share = b / (double) rows;
        model.backward(backend.binary(BinaryOp.MUL, dY, share));
        return value * share;
    }

    /** Order and shifts of {@code epoch}, replaying the stream from the start when going back or skipping ahead. */
    private void plan(int epoch) {
        if (order != null && epoch == planEpoch) return; // transient fields are null/0 after deserialisation
        int n = train().count();
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        order = new int[n];
        dy = new int[n];
        dx = new int[n];
        for (int e = 0; e <= epoch; e++) {
            for (int i = 0; i < n; i++) order[i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1), t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int i = 0; i < n; i++) {
                dy[i] = shift == 0 ? 0 : rng.nextInt(2 * shift + 1) - shift;
                dx[i] = shift == 0 ? 0 : rng.nextInt(2 * shift + 1) - shift;
            }
        }
        planEpoch = epoch;
    }
}
