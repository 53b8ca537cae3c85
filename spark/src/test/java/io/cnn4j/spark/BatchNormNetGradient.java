package io.cnn4j.spark;

import io.cnn4j.examples.distributed.ShardGradient;
import io.cnn4j.loss.CrossEntropyLoss;
import io.cnn4j.nn.BatchNorm2d;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.Flatten;
import io.cnn4j.nn.Linear;
import io.cnn4j.nn.Module;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sequential;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;

import java.util.SplittableRandom;

/**
 * A float64 classifier with a BatchNorm2d layer (Conv 1→4, BatchNorm2d(4), ReLU, Linear 4·6·6→3) on random 6×6
 * images that are a function of the step: the smallest network that shows what data parallelism does to BatchNorm.
 */
final class BatchNormNetGradient implements ShardGradient {
    private static final long serialVersionUID = 1L;
    static final int BATCH = 4;

    @Override
    public Module createModel(Backend backend) {
        Context ctx = Context.of(backend, DType.FLOAT64, 3);
        return new Sequential(new Conv2d(ctx, 1, 4, 3, 1, 1), new BatchNorm2d(ctx, 4), new ReLU(), new Flatten(), new Linear(ctx, 4 * 6 * 6, 3));
    }

    @Override
    public String backendName() { return "reference"; }

    @Override
    public int batch() { return BATCH; }

    @Override
    public double accumulate(Module model, Backend backend, long step, int from, int to) {
        SplittableRandom r = new SplittableRandom(1000 + step);
        double[] x = new double[BATCH * 36];
        int[] y = new int[BATCH];
        for (int i = 0; i < x.length; i++) x[i] = r.nextDouble() * 2 - 1 + (i / 36) * 0.3;
        for (int i = 0; i < BATCH; i++) y[i] = r.nextInt(3);
        double[] xs = java.util.Arrays.copyOfRange(x, from * 36, to * 36);
        int[] ys = java.util.Arrays.copyOfRange(y, from, to);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        model.train();
        double share = (to - from) / (double) BATCH;
        double value = loss.forward(model.forward(backend.fromArray(xs, to - from, 1, 6, 6)), ys).item();
        Tensor dY = loss.backward();
        model.backward(backend.binary(BinaryOp.MUL, dY, share));
        return value * share;
    }
}
