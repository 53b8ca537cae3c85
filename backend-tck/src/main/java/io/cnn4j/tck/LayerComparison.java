package io.cnn4j.tck;

import io.cnn4j.io.Checkpoint;
import io.cnn4j.io.HostTensor;
import io.cnn4j.nn.Module;
import io.cnn4j.nn.Parameter;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one layer or loss case on two backends with identical parameters and inputs and measures the agreement of
 * every output: forward result, input gradient, each parameter gradient and (BatchNorm) the running statistics.
 * Used by {@link LayerConformance} (which asserts) and {@link CrossBackendSweep} (which reports).
 */
public final class LayerComparison {
    private LayerComparison() {}

    /** Builds the case on both backends, copies {@code reference}'s parameters into the other, runs forward and backward. */
    public static List<TensorAgreement> compare(LayerCase c, Backend reference, Backend other) {
        Module mr = c.build(reference);
        Module mo = c.build(other);
        Map<String, HostTensor> state = new LinkedHashMap<>();
        mr.stateDict().forEach((k, v) -> state.put(k, HostTensor.of(v)));
        Checkpoint.copyInto(mo.stateDict(), state, c.description() + " on " + other.name());
        if (c.evalMode()) {
            LayerCase warm = new LayerCase(c.description(), c.dtype(), c.inputShape(), c.seed() + 11, c.factory(), c.inputs(), false);
            mr.forward(warm.input(reference));
            mo.forward(warm.input(other));
            mr.eval();
            mo.eval();
        }
        Tensor xr = c.input(reference), xo = c.input(other);
        Tensor yr = mr.forward(xr), yo = mo.forward(xo);
        Tensor dyr = reference.uniform(c.dtype(), c.seed() + 5, -1, 1, yr.shape());
        Tensor dyo = Twin.transfer(dyr, other);
        Tensor dxr = mr.backward(dyr), dxo = mo.backward(dyo);

        double tol = Closeness.tolerance(c.dtype());
        List<TensorAgreement> out = new ArrayList<>();
        out.add(agreement("y", yo, yr, tol));
        out.add(agreement("dx", dxo, dxr, tol));
        Map<String, Parameter> pr = mr.namedParameters(), po = mo.namedParameters();
        for (String k : pr.keySet()) out.add(agreement("grad " + k, po.get(k).grad(), pr.get(k).grad(), tol));
        Map<String, Tensor> sr = mr.stateDict(), so = mo.stateDict();
        for (String k : sr.keySet()) if (!pr.containsKey(k)) out.add(agreement("buffer " + k, so.get(k), sr.get(k), tol));
        return out;
    }

    /** Runs a loss case on both backends and compares the loss and its gradients. */
    public static List<TensorAgreement> compare(LossCase c, Backend reference, Backend other) {
        Tensor pr = c.prediction(reference), tr = c.target(reference);
        LossCase.Result r = c.evaluate(reference, pr, tr);
        LossCase.Result o = c.evaluate(other, Twin.transfer(pr, other), Twin.transfer(tr, other));
        double tol = Closeness.tolerance(c.dtype());
        List<TensorAgreement> out = new ArrayList<>();
        out.add(agreement("loss", o.loss(), r.loss(), tol));
        out.add(agreement("dprediction", o.dPrediction(), r.dPrediction(), tol));
        if (r.dTarget() != null) out.add(agreement("dtarget", o.dTarget(), r.dTarget(), tol));
        return out;
    }

    private static TensorAgreement agreement(String name, Tensor actual, Tensor expected, double tol) {
        if (!java.util.Arrays.equals(actual.shape(), expected.shape()) || actual.dtype() != expected.dtype())
            return new TensorAgreement(name + " (shape " + java.util.Arrays.toString(actual.shape()) + " " + actual.dtype() + " vs "
                    + java.util.Arrays.toString(expected.shape()) + " " + expected.dtype() + ")", Double.NaN, tol);
        return new TensorAgreement(name, Closeness.relativeError(actual.toDoubleArray(), expected.toDoubleArray()), tol);
    }

    /** Throws an {@link AssertionError} naming the case and every disagreeing output. */
    public static void assertAgree(Object c, List<TensorAgreement> results) {
        List<TensorAgreement> bad = results.stream().filter(a -> !a.passed()).toList();
        if (!bad.isEmpty()) throw new AssertionError(c + ": " + bad + " (all: " + results + ")");
    }
}
