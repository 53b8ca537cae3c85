package io.cnn4j.tensor;

/**
 * The fused activation operations of {@link Backend}, written once on the primitives: their definitions. PyTorch's
 * semantics, NaN included: {@code relu(NaN) = NaN}, and the gradient passes wherever the output is not ≤ 0
 * ({@code threshold_backward(grad, result, 0)}), so a NaN output lets the gradient through.
 */
public final class CompositeActivations {
    private CompositeActivations() {}

    /** {@link Backend#relu}: {@code max(x, 0)}, NaN propagated. */
    public static Tensor relu(Backend b, Tensor x) {
        Shapes.requireCompatible("relu", b, x);
        return b.binary(BinaryOp.MAX, x, 0.0);
    }

    /** {@link Backend#reluBackward}: {@code gradOutput} where {@code !(output <= 0)}, else 0. */
    public static Tensor reluBackward(Backend b, Tensor gradOutput, Tensor output) {
        checkReluBackward(b, gradOutput, output);
        Tensor passes = b.binary(BinaryOp.ADD, b.binary(BinaryOp.MUL, b.binary(BinaryOp.LE, output, 0.0), -1.0), 1.0);
        return b.binary(BinaryOp.MUL, gradOutput, passes);
    }

    /** Validates a {@link Backend#reluBackward} call: one backend, one dtype, one shape. */
    public static void checkReluBackward(Backend b, Tensor gradOutput, Tensor output) {
        Shapes.requireCompatible("reluBackward", b, gradOutput, output);
        Shapes.requireSameShape("reluBackward", gradOutput, output);
    }
}
