package io.cnn4j.tck;

import io.cnn4j.loss.BCEWithLogitsLoss;
import io.cnn4j.loss.CrossEntropyLoss;
import io.cnn4j.loss.ElementwiseLoss;
import io.cnn4j.loss.L1Loss;
import io.cnn4j.loss.NLLLoss;
import io.cnn4j.loss.SmoothL1Loss;
import io.cnn4j.loss.MSELoss;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.quicktheories.core.Gen;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random loss evaluation: {@code MSELoss}, {@code L1Loss}, {@code SmoothL1Loss} or {@code BCEWithLogitsLoss}
 * (reduction 'mean' or 'sum') on a prediction/target pair, or {@code CrossEntropyLoss} / {@code NLLLoss} on scores
 * {@code [N, K]} with class indices ({@code CrossEntropyLoss+}: with a seeded class weight, an ignore_index that row 0 does not hit and
 * label_smoothing 0.1, reduction 'mean' or 'sum'). {@link #evaluate} runs forward and backward on a backend.
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

    /** L1Loss, SmoothL1Loss(beta=0.5) or BCEWithLogitsLoss, reduction 'mean' or 'sum'. */
    public static LossCase elementwise(Draw in) {
        String kind = List.of("L1Loss", "SmoothL1Loss", "BCEWithLogitsLoss").get(in.between(0, 2));
        int[] s = new int[in.between(1, 4)];
        for (int i = 0; i < s.length; i++) s[i] = in.between(1, 5);
        return new LossCase(kind, in.bool() ? "sum" : "mean", in.dtype(), s, in.seed());
    }

    /** NLLLoss or CrossEntropyLoss with weight, ignore_index and label smoothing; 'mean' or 'sum'. */
    public static LossCase classification(Draw in) {
        String kind = in.bool() ? "NLLLoss" : "CrossEntropyLoss+";
        return new LossCase(kind, in.bool() ? "sum" : "mean", in.dtype(), new int[] {in.between(1, 4), in.between(2, 8)}, in.seed());
    }

    public static Gen<LossCase> elementwiseCases() { return src -> elementwise(Draw.of(src)); }

    public static Gen<LossCase> classificationCases() { return src -> classification(Draw.of(src)); }

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
        switch (kind) {
            case "L1Loss": return elementwise(new L1Loss(reduction), prediction, target);
            case "SmoothL1Loss": return elementwise(new SmoothL1Loss(reduction, 0.5), prediction, target);
            case "BCEWithLogitsLoss": return elementwise(new BCEWithLogitsLoss(reduction), prediction, target);
            case "NLLLoss": {
                NLLLoss l = new NLLLoss(classWeight(), ignoredClass(), reduction);
                Tensor v = l.forward(prediction, classes());
                return new Result(v, l.backward(), null);
            }
            case "CrossEntropyLoss+": {
                CrossEntropyLoss l = new CrossEntropyLoss(classWeight(), ignoredClass(), reduction, 0.1);
                Tensor v = l.forward(prediction, classes());
                return new Result(v, l.backward(), null);
            }
            default: {
                CrossEntropyLoss l = new CrossEntropyLoss();
                Tensor v = l.forward(prediction, classes());
                return new Result(v, l.backward(), null);
            }
        }
    }

    private static Result elementwise(ElementwiseLoss l, Tensor prediction, Tensor target) {
        Tensor v = l.forward(prediction, target);
        return new Result(v, l.backward(), null);
    }

    /** The ignore_index of NLLLoss and CrossEntropyLoss+: a class other than row 0's target, so some row counts. */
    int ignoredClass() { return (classes()[0] + 1) % shape[1]; }

    /** Class weights in [0.5, 2), seeded (NLLLoss and CrossEntropyLoss+). */
    double[] classWeight() {
        return Tck.REFERENCE.uniform(DType.FLOAT64, seed + 3, 0.5, 2, shape[1]).toDoubleArray();
    }

    @Override
    public String toString() {
        boolean classes = kind.equals("CrossEntropyLoss") || kind.equals("CrossEntropyLoss+") || kind.equals("NLLLoss");
        return kind + (kind.equals("CrossEntropyLoss") ? "()" : "(reduction='" + reduction + "')") + " " + dtype + " input=" + Arrays.toString(shape)
                + (classes ? " targets=" + Arrays.toString(classes()) : "") + " seed " + seed;
    }
}
