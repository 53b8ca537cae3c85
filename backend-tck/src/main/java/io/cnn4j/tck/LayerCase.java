package io.cnn4j.tck;

import io.cnn4j.nn.Context;
import io.cnn4j.nn.Module;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;

import java.util.Arrays;
import java.util.function.Function;

/**
 * One random layer configuration: how to build the layer from a {@link Context}, the input shape, the dtype and a
 * data seed. {@link #toString()} is the readable description a failing property prints, e.g.
 * {@code Conv2d(3, 4, kernel=(2, 3), stride=(1, 2), padding=(0, 1), dilation=(1, 1), bias=true) FLOAT32 x=[2, 3, 7, 6] seed 17}.
 *
 * @param description the layer's constructor arguments in PyTorch style
 * @param factory     builds the layer (parameters initialised from the context's seed)
 * @param inputs      how inputs are sampled; gradient checks need inputs away from kinks
 * @param evalMode    run one training-mode forward first, then switch to {@code eval()} (BatchNorm running statistics)
 */
public record LayerCase(String description, DType dtype, int[] inputShape, long seed, Function<Context, Module> factory,
                        InputKind inputs, boolean evalMode) {

    /** How the input values are drawn. */
    public enum InputKind {
        /** Uniform in [-1, 1). */
        UNIFORM,
        /** Uniform magnitude in [0.1, 1) with random sign: no value near the ReLU kink at 0. */
        AWAY_FROM_ZERO,
        /** All values distinct and at least 2/numel apart: no near-ties in max pooling windows. */
        DISTINCT
    }

    /** Builds the layer on {@code backend} with this case's dtype and seed. */
    public Module build(Backend backend) {
        Module m = factory.apply(Context.of(backend, dtype, seed));
        return m;
    }

    /** The same case in another dtype. */
    public LayerCase withDtype(DType d) { return new LayerCase(description, d, inputShape, seed, factory, inputs, evalMode); }

    /** The input for this case on {@code backend} (deterministic in the seed, identical on every backend). */
    public Tensor input(Backend backend) { return backend.fromHost(inputValues(inputShape, inputs, seed), dtype, inputShape); }

    static double[] inputValues(int[] shape, InputKind kind, long seed) {
        double[] u = Tck.REFERENCE.uniform(DType.FLOAT64, seed, -1, 1, shape).toDoubleArray();
        switch (kind) {
            case UNIFORM:
                return u;
            case AWAY_FROM_ZERO:
                for (int i = 0; i < u.length; i++) u[i] = Math.copySign(0.1 + 0.9 * Math.abs(u[i]), u[i]);
                return u;
            case DISTINCT: {
                // rank of each value → evenly spaced distinct values in [-1, 1]
                Integer[] order = new Integer[u.length];
                for (int i = 0; i < u.length; i++) order[i] = i;
                Arrays.sort(order, (a, b) -> Double.compare(u[a], u[b]));
                double[] d = new double[u.length];
                for (int r = 0; r < order.length; r++) d[order[r]] = u.length == 1 ? 0.5 : -1 + 2.0 * r / (u.length - 1);
                return d;
            }
            default:
                throw new AssertionError(kind);
        }
    }

    @Override
    public String toString() { return description + (evalMode ? " [eval]" : "") + " " + dtype + " x=" + Arrays.toString(inputShape) + " seed " + seed; }
}
