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
                // max(x, 0) is branch-free and vectorises (a data-dependent branch mispredicts on half the
                // elements, ~10x slower); it equals the definition except for NaN, which the definition maps to 0.
                for (int i = lo; i < hi; i++) o[i] = Math.max(s[i], 0f);
                redoNaNs(op, s, o, lo, hi);
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
                // max(x, 0) is branch-free and vectorises (a data-dependent branch mispredicts on half the
                // elements, ~10x slower); it equals the definition except for NaN, which the definition maps to 0.
                for (int i = lo; i < hi; i++) o[i] = Math.max(s[i], 0.0);
                redoNaNs(op, s, o, lo, hi);
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
            Parallel.forRange(s.length, 2, (lo, hi) -> scalarFloat(op, s, scalar, o, lo, hi));
            return RefTensor.ofFloats(b, o, a.shapeRef());
        }
        double[] s = a.d, o = new double[s.length];
        Parallel.forRange(s.length, 2, (lo, hi) -> scalarDouble(op, s, scalar, o, lo, hi));
        return RefTensor.ofDoubles(b, o, a.shapeRef());
    }

    /**
     * FLOAT32 tensor-scalar loop. The fast cases compute in double and round once, exactly as the definition;
     * comparisons compare the float with the double scalar.
     */
    private static void scalarFloat(BinaryOp op, float[] s, double y, float[] o, int lo, int hi) {
        switch (op) {
            case ADD: for (int i = lo; i < hi; i++) o[i] = (float) (s[i] + y); return;
            case SUB: for (int i = lo; i < hi; i++) o[i] = (float) (s[i] - y); return;
            case MUL: for (int i = lo; i < hi; i++) o[i] = (float) (s[i] * y); return;
            case DIV: for (int i = lo; i < hi; i++) o[i] = (float) (s[i] / y); return;
            case GT:
                if ((float) y == y) {
                    greaterThan(s, (float) y, o, lo, hi);
                    return;
                }
                break;
            case GE: for (int i = lo; i < hi; i++) { int m = s[i] >= y ? 1 : 0; o[i] = m; } return;
            case LT: for (int i = lo; i < hi; i++) { int m = s[i] < y ? 1 : 0; o[i] = m; } return;
            case LE: for (int i = lo; i < hi; i++) { int m = s[i] <= y ? 1 : 0; o[i] = m; } return;
            case EQ: for (int i = lo; i < hi; i++) { int m = s[i] == y ? 1 : 0; o[i] = m; } return;
            default:
                for (int i = lo; i < hi; i++) o[i] = (float) op.apply(s[i], y);
                return;
        }
        for (int i = lo; i < hi; i++) { int m = s[i] > y ? 1 : 0; o[i] = m; } // GT with a scalar that is not a float
    }

    private static void scalarDouble(BinaryOp op, double[] s, double y, double[] o, int lo, int hi) {
        switch (op) {
            case ADD: for (int i = lo; i < hi; i++) o[i] = s[i] + y; return;
            case SUB: for (int i = lo; i < hi; i++) o[i] = s[i] - y; return;
            case MUL: for (int i = lo; i < hi; i++) o[i] = s[i] * y; return;
            case DIV: for (int i = lo; i < hi; i++) o[i] = s[i] / y; return;
            case GT:
                greaterThan(s, y, o, lo, hi);
                return;
            case GE: for (int i = lo; i < hi; i++) { int m = s[i] >= y ? 1 : 0; o[i] = m; } return;
            case LT: for (int i = lo; i < hi; i++) { int m = s[i] < y ? 1 : 0; o[i] = m; } return;
            case LE: for (int i = lo; i < hi; i++) { int m = s[i] <= y ? 1 : 0; o[i] = m; } return;
            case EQ: for (int i = lo; i < hi; i++) { int m = s[i] == y ? 1 : 0; o[i] = m; } return;
            default:
                for (int i = lo; i < hi; i++) o[i] = op.apply(s[i], y);
        }
    }

    /** Power of two large enough that {@code d · SCALE_F · SCALE_F ≥ 1} for the smallest positive float d. */
    private static final float SCALE_F = 0x1p75f;
    /** Power of two large enough that {@code d · SCALE_D · SCALE_D ≥ 1} for the smallest positive double d. */
    private static final double SCALE_D = 0x1p600;

    /**
     * {@code o[i] = s[i] > y ? 1 : 0} without a data-dependent branch (the ReLU-backward mask, where a branch
     * mispredicts on half the elements): {@code s − y} is positive exactly when {@code s > y} (IEEE subtraction
     * of finite values is 0 only for equal operands), and clamping {@code max(s − y, 0)·2^150} to 1 maps every
     * positive difference to 1 and 0 to 0. NaN differences (a NaN operand, ∞ − ∞) are redone by the definition.
     */
    private static void greaterThan(float[] s, float y, float[] o, int lo, int hi) {
        for (int i = lo; i < hi; i++) o[i] = Math.min(Math.max(s[i] - y, 0f) * SCALE_F * SCALE_F, 1f);
        for (int i = lo; i < hi; i++) if (o[i] != o[i]) o[i] = s[i] > y ? 1f : 0f;
    }

    private static void greaterThan(double[] s, double y, double[] o, int lo, int hi) {
        for (int i = lo; i < hi; i++) o[i] = Math.min(Math.max(s[i] - y, 0.0) * SCALE_D * SCALE_D, 1.0);
        for (int i = lo; i < hi; i++) if (o[i] != o[i]) o[i] = s[i] > y ? 1.0 : 0.0;
    }

    /** Replaces NaN results of a fast loop by the definition of {@code op} (the fast loop differs only there). */
    private static void redoNaNs(UnaryOp op, float[] s, float[] o, int lo, int hi) {
        for (int i = lo; i < hi; i++) if (o[i] != o[i]) o[i] = (float) op.apply(s[i]);
    }

    private static void redoNaNs(UnaryOp op, double[] s, double[] o, int lo, int hi) {
        for (int i = lo; i < hi; i++) if (o[i] != o[i]) o[i] = op.apply(s[i]);
    }
}
