package io.cnn4j.backend.reference;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.UnaryOp;

/**
 * Unary ops and tensor-scalar binary ops. The definition of every op is {@link UnaryOp#apply} /
 * {@link BinaryOp#apply} evaluated in double; FLOAT32 results are that value rounded to float. The most common
 * ops get a dedicated loop the JIT can vectorise; these produce bit-identical results to the definition
 * (one IEEE operation in double then rounding equals the float operation for +, −, ×, ÷).
 */
final class Elementwise {
    private Elementwise() {}

    static RefTensor unary(UnaryOp op, RefTensor x) {
        if (op == null) throw new IllegalArgumentException("unary: op is null");
        ReferenceBackend b = (ReferenceBackend) x.backend();
        int cost = (op == UnaryOp.EXP || op == UnaryOp.LOG || op == UnaryOp.SIGMOID || op == UnaryOp.TANH) ? 20 : 1;
        if (x.isFloat()) {
            float[] s = x.f, o = new float[s.length];
            Parallel.forRange(s.length, cost, (lo, hi) -> unaryFloat(op, s, o, lo, hi));
            return RefTensor.ofFloats(b, o, x.shapeRef());
        }
        double[] s = x.d, o = new double[s.length];
        Parallel.forRange(s.length, cost, (lo, hi) -> unaryDouble(op, s, o, lo, hi));
        return RefTensor.ofDoubles(b, o, x.shapeRef());
    }

    private static void unaryFloat(UnaryOp op, float[] s, float[] o, int lo, int hi) {
        switch (op) {
            case RELU:
                for (int i = lo; i < hi; i++) o[i] = s[i] > 0 ? s[i] : 0f;
                break;
            case NEG:
                for (int i = lo; i < hi; i++) o[i] = -s[i];
                break;
            case SQUARE:
                for (int i = lo; i < hi; i++) o[i] = (float) ((double) s[i] * s[i]);
                break;
            default:
                for (int i = lo; i < hi; i++) o[i] = (float) op.apply(s[i]);
        }
    }

    private static void unaryDouble(UnaryOp op, double[] s, double[] o, int lo, int hi) {
        switch (op) {
            case RELU:
                for (int i = lo; i < hi; i++) o[i] = s[i] > 0 ? s[i] : 0.0;
                break;
            case NEG:
                for (int i = lo; i < hi; i++) o[i] = -s[i];
                break;
            case SQUARE:
                for (int i = lo; i < hi; i++) o[i] = s[i] * s[i];
                break;
            default:
                for (int i = lo; i < hi; i++) o[i] = op.apply(s[i]);
        }
    }

    /** {@code op(a[i], scalar)} for every element. */
    static RefTensor scalar(BinaryOp op, RefTensor a, double scalar) {
        if (op == null) throw new IllegalArgumentException("binary: op is null");
        ReferenceBackend b = (ReferenceBackend) a.backend();
        if (a.isFloat()) {
            float[] s = a.f, o = new float[s.length];
            Parallel.forRange(s.length, 2, (lo, hi) -> {
                for (int i = lo; i < hi; i++) o[i] = (float) op.apply(s[i], scalar);
            });
            return RefTensor.ofFloats(b, o, a.shapeRef());
        }
        double[] s = a.d, o = new double[s.length];
        Parallel.forRange(s.length, 2, (lo, hi) -> {
            for (int i = lo; i < hi; i++) o[i] = op.apply(s[i], scalar);
        });
        return RefTensor.ofDoubles(b, o, a.shapeRef());
    }
}
