package io.cnn4j.tck;

import io.cnn4j.loss.CrossEntropyLoss;
import io.cnn4j.loss.MSELoss;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.quicktheories.core.Gen;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A random loss evaluation: {@code MSELoss(reduction)} on a prediction/target pair, or {@code CrossEntropyLoss}
 * on logits {@code [N, K]} with class indices. {@link #evaluate} runs forward and backward on a backend.
 */
public record LossCase(String kind, String reduction, DType dtype, int[] shape, long seed) {

    /** The loss value and its gradients (dtarget only for MSE). */
    public record Result(Tensor loss, Tensor dPrediction, Tensor dTarget) {}

    public static LossCase mse(Draw in) {
        int[] s = new int[in.between(1, 4)];
        for (int i = 0; i < s.length; i++) s[i] = in.between(1, 5);
        return new LossCase("MSELoss", in.bool() ? "sum" : "mean", in.dtype(), s, in.seed());
    }

    public static LossCase crossEntropy(Draw in) {
        return new LossCase("CrossEntropyLoss", "mean", in.dtype(), new int[] {in.between(1, 4), in.between(1, 8)}, in.seed());
    }

    public static Gen<LossCase> mseCases() { return src -> mse(Draw.of(src)); }

    public static Gen<LossCase> crossEntropyCases() { return src -> crossEntropy(Draw.of(src)); }

    public LossCase withDtype(DType d) { return new LossCase(kind, reduction, d, shape, seed); }

    /** Prediction (MSE) or logits (cross-entropy, uniform in [-3, 3)). */
    public Tensor prediction(Backend b) {
        return b.fromHost(Tck.REFERENCE.uniform(DType.FLOAT64, seed, -3, 3, shape).toDoubleArray(), dtype, shape);
    }

    /** MSE target values. */
    public Tensor target(Backend b) {
        return b.fromHost(Tck.REFERENCE.uniform(DType.FLOAT64, seed + 1, -3, 3, shape).toDoubleArray(), dtype, shape);
    }

    /** Cross-entropy class indices in [0, K). */
    public int[] classes() {
        SplittableRandom r = new SplittableRandom(seed + 2);
        int[] t = new int[shape[0]];
        for (int i = 0; i < t.length; i++) t[i] = r.nextInt(shape[1]);
        return t;
    }

    /** Forward and backward on {@code b} for the given prediction (and target for MSE). */
    public Result evaluate(Backend b, Tensor prediction, Tensor target) {
        if (kind.equals("MSELoss")) {
            MSELoss l = new MSELoss(reduction);
            Tensor v = l.forward(prediction, target);
            return new Result(v, l.backward(), l.targetGrad());
        }
        CrossEntropyLoss l = new CrossEntropyLoss();
        Tensor v = l.forward(prediction, classes());
        return new Result(v, l.backward(), null);
    }

    @Override
    public String toString() {
        return kind + (kind.equals("MSELoss") ? "(reduction='" + reduction + "')" : "()") + " " + dtype + " input=" + Arrays.toString(shape)
                + (kind.equals("CrossEntropyLoss") ? " targets=" + Arrays.toString(classes()) : "") + " seed " + seed;
    }
}
