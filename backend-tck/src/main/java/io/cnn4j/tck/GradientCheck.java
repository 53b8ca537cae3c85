package io.cnn4j.tck;

import io.cnn4j.nn.Module;
import io.cnn4j.nn.Parameter;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Central finite differences in float64, PyTorch gradcheck style, on one backend. For a layer the scalar is
 * {@code L = Σ y·dy} with a fixed random {@code dy}, so its gradient is exactly what {@code backward(dy)} returns;
 * for a loss it is the loss itself. A random sample of input and parameter elements is perturbed by ±h
 * (h = 1e-6) and {@code (L(+h) − L(−h)) / 2h} must match the analytic gradient within
 * {@code 1e-6 · max(1, |analytic|)} for every checked element.
 */
public final class GradientCheck {
    private GradientCheck() {}

    public static final double STEP = 1e-6;
    public static final double TOLERANCE = 1e-6;

    /** Checks dL/dx and dL/dθ for a layer case (forced to FLOAT64) on {@code b}; {@code samples} elements per tensor. */
    public static void checkLayer(LayerCase c0, Backend b, int samples) {
        LayerCase c = c0.withDtype(DType.FLOAT64);
        Module m = c.build(b);
        if (c.evalMode()) {
            LayerCase warm = new LayerCase(c.description(), c.dtype(), c.inputShape(), c.seed() + 11, c.factory(), c.inputs(), false);
            m.forward(warm.input(b));
            m.eval();
        }
        double[] x = LayerCase.inputValues(c.inputShape(), c.inputs(), c.seed());
        Tensor y = m.forward(b.fromHost(x, DType.FLOAT64, c.inputShape()));
        double[] dy = b.uniform(DType.FLOAT64, c.seed() + 5, -1, 1, y.shape()).toDoubleArray();
        m.zeroGrad();
        double[] dx = m.backward(b.fromArray(dy, y.shape())).toDoubleArray();
        SplittableRandom pick = new SplittableRandom(c.seed() + 9);

        // input gradient
        for (int s = 0; s < Math.min(samples, x.length); s++) {
            int i = pick.nextInt(x.length);
            double keep = x[i];
            x[i] = keep + STEP;
            double plus = dot(m.forward(b.fromArray(x, c.inputShape())), dy);
            x[i] = keep - STEP;
            double minus = dot(m.forward(b.fromArray(x, c.inputShape())), dy);
            x[i] = keep;
            compare(c + ": dL/dx[" + i + "]", (plus - minus) / (2 * STEP), dx[i]);
        }
        // parameter gradients
        Tensor xt = b.fromArray(x, c.inputShape());
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            Parameter p = e.getValue();
            double[] grad = p.grad().toDoubleArray();
            double[] v = p.value().toDoubleArray();
            for (int s = 0; s < Math.min(samples, v.length); s++) {
                int i = pick.nextInt(v.length);
                double keep = v[i];
                v[i] = keep + STEP;
                b.copy(b.fromArray(v, p.value().shape()), p.value());
                double plus = dot(m.forward(xt), dy);
                v[i] = keep - STEP;
                b.copy(b.fromArray(v, p.value().shape()), p.value());
                double minus = dot(m.forward(xt), dy);
                v[i] = keep;
                b.copy(b.fromArray(v, p.value().shape()), p.value());
                compare(c + ": dL/d" + e.getKey() + "[" + i + "]", (plus - minus) / (2 * STEP), grad[i]);
            }
        }
    }

    /** Checks dL/dprediction (and dL/dtarget for MSE) of a loss case (forced to FLOAT64) on {@code b}. */
    public static void checkLoss(LossCase c0, Backend b, int samples) {
        LossCase c = c0.withDtype(DType.FLOAT64);
        double[] p = c.prediction(b).toDoubleArray();
        double[] t = c.target(b).toDoubleArray();
        int[] shape = c.shape();
        LossCase.Result r = c.evaluate(b, b.fromArray(p, shape), b.fromArray(t, shape));
        double[] dp = r.dPrediction().toDoubleArray();
        double[] dt = r.dTarget() == null ? null : r.dTarget().toDoubleArray();
        SplittableRandom pick = new SplittableRandom(c.seed() + 9);
        for (int s = 0; s < Math.min(samples, p.length); s++) {
            int i = pick.nextInt(p.length);
            double keep = p[i];
            p[i] = keep + STEP;
            double plus = c.evaluate(b, b.fromArray(p, shape), b.fromArray(t, shape)).loss().item();
            p[i] = keep - STEP;
            double minus = c.evaluate(b, b.fromArray(p, shape), b.fromArray(t, shape)).loss().item();
            p[i] = keep;
            compare(c + ": dL/dprediction[" + i + "]", (plus - minus) / (2 * STEP), dp[i]);
            if (dt != null) {
                double tk = t[i];
                t[i] = tk + STEP;
                double tp = c.evaluate(b, b.fromArray(p, shape), b.fromArray(t, shape)).loss().item();
                t[i] = tk - STEP;
                double tm = c.evaluate(b, b.fromArray(p, shape), b.fromArray(t, shape)).loss().item();
                t[i] = tk;
                compare(c + ": dL/dtarget[" + i + "]", (tp - tm) / (2 * STEP), dt[i]);
            }
        }
    }

    private static double dot(Tensor y, double[] dy) {
        double[] v = y.toDoubleArray();
        double s = 0;
        for (int i = 0; i < v.length; i++) s += v[i] * dy[i];
        return s;
    }

    private static void compare(String what, double numeric, double analytic) {
        double err = Math.abs(numeric - analytic);
        if (!(err <= TOLERANCE * Math.max(1, Math.abs(analytic))))
            throw new AssertionError(what + ": analytic " + analytic + ", central difference " + numeric + " (|error| " + err
                    + " > " + TOLERANCE + "·max(1, |analytic|))");
    }
}
