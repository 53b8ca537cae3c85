package io.cnn4j.tensor;

import java.util.SplittableRandom;

/**
 * The Tensor SPI: the small set of primitives a backend implements. Layers, losses and optimizers are written
 * only against this interface.
 *
 * <h2>General contract</h2>
 * <ul>
 *   <li>Every tensor argument must belong to this backend ({@code t.backend() == this}); all tensor arguments of
 *       one call must share a dtype. Violations throw {@link IllegalArgumentException} naming the op and the
 *       offending dtypes/backends.</li>
 *   <li>Shapes are validated; a mismatch throws {@link IllegalArgumentException} naming the op and the shapes
 *       (use {@link Shapes} for the messages). Never a silent wrong answer.</li>
 *   <li>Both {@link DType#FLOAT32} and {@link DType#FLOAT64} are supported by every primitive. FLOAT32 results must
 *       match the reference backend within a normwise relative error of 1e-5, FLOAT64 within 1e-12.</li>
 *   <li>Results are new tensors unless documented as in place. {@link #reshape} may share storage.</li>
 *   <li>Implementations must be safe to call from one thread at a time per tensor; a backend instance may be
 *       shared by several threads working on different tensors.</li>
 * </ul>
 * The reference backend ({@code backend-cpu-reference}) is the executable specification of every primitive.
 */
public interface Backend {

    /** The registry name ("reference", "nd4j", "jcuda", ...). */
    String name();

    // ------------------------------------------------------------------ creation and host transfer

    /** A zero-filled tensor. Every dimension must be ≥ 0. */
    Tensor zeros(DType dtype, int... shape);

    /** A FLOAT32 tensor holding a copy of {@code data} (row-major); {@code data.length} must equal the shape's element count. */
    Tensor fromArray(float[] data, int... shape);

    /** A FLOAT64 tensor holding a copy of {@code data} (row-major); {@code data.length} must equal the shape's element count. */
    Tensor fromArray(double[] data, int... shape);

    /** Copies {@code t} to a new host array (row-major), rounding FLOAT64 to float. */
    float[] toFloatArray(Tensor t);

    /** Copies {@code t} to a new host array (row-major), widening FLOAT32 exactly. */
    double[] toDoubleArray(Tensor t);

    /**
     * Uniform numbers in [low, high). The stream is defined on the host by {@link SplittableRandom} seeded with
     * {@code seed} (one {@code nextDouble} per element, row-major), so every backend produces the same values for
     * the same seed. Backends may override for speed only if they reproduce this stream.
     */
    default Tensor uniform(DType dtype, long seed, double low, double high, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[Math.toIntExact(Shapes.numel(shape))];
        for (int i = 0; i < d.length; i++) d[i] = low + (high - low) * r.nextDouble();
        return fromHost(d, dtype, shape);
    }

    /**
     * Normal numbers with the given mean and standard deviation, from the same host stream as {@link #uniform}
     * (Box–Muller on pairs of {@code nextDouble}, first value of each pair first).
     */
    default Tensor normal(DType dtype, long seed, double mean, double std, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[Math.toIntExact(Shapes.numel(shape))];
        for (int i = 0; i < d.length; i += 2) {
            double u1 = 1.0 - r.nextDouble(); // (0, 1]
            double u2 = r.nextDouble();
            double rad = Math.sqrt(-2.0 * Math.log(u1));
            d[i] = mean + std * rad * Math.cos(2 * Math.PI * u2);
            if (i + 1 < d.length) d[i + 1] = mean + std * rad * Math.sin(2 * Math.PI * u2);
        }
        return fromHost(d, dtype, shape);
    }

    /** Uploads double data as a tensor of the given dtype (rounding to float for FLOAT32). */
    default Tensor fromHost(double[] data, DType dtype, int... shape) {
        if (dtype == DType.FLOAT64) return fromArray(data, shape);
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
        return fromArray(f, shape);
    }

    // ------------------------------------------------------------------ shape

    /**
     * The same elements in row-major order under a new shape with the same element count. One dimension may be
     * -1 (inferred). May share storage with {@code x}.
     */
    Tensor reshape(Tensor x, int... shape);

    /** Reorders axes: result axis i is input axis {@code axes[i]} ({@code axes} is a permutation). Materialises. */
    Tensor permute(Tensor x, int... axes);

    /** Converts to another dtype (a copy even when the dtype is unchanged). */
    Tensor cast(Tensor x, DType dtype);

    /** The sub-tensor {@code start ≤ i < start+length} along {@code axis}; a copy. */
    Tensor slice(Tensor x, int axis, int start, int length);

    /** Concatenates tensors along {@code axis}; all other dimensions must agree. */
    Tensor concat(int axis, Tensor... xs);

    // ------------------------------------------------------------------ linear algebra

    /**
     * Matrix product op(a)·op(b), where op transposes the last two axes when the flag is set.
     * <ul>
     *   <li>2-D × 2-D: {@code [M,K]·[K,N] → [M,N]}.</li>
     *   <li>3-D × 3-D (batched): {@code [B,M,K]·[B,K,N] → [B,M,N]}.</li>
     *   <li>2-D × 3-D or 3-D × 2-D: the 2-D operand is broadcast over the batch, {@code → [B,M,N]}.</li>
     * </ul>
     * Shapes are checked after the transposes; K must agree.
     */
    Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB);

    // ------------------------------------------------------------------ sliding windows

    /**
     * im2col, as {@code torch.nn.functional.unfold}: {@code x [N,C,H,W] → [N, C·kh·kw, oH·oW]}. Row
     * {@code (c·kh + i)·kw + j} holds channel c at kernel offset (i, j); column {@code oh·oW + ow} is the output
     * position. Positions in the padding read {@code padValue} (0 for convolution, -∞ for max pooling).
     * oH, oW follow {@link ConvGeometry#outH}/{@link ConvGeometry#outW}; a too-small input throws.
     */
    Tensor unfold(Tensor x, ConvGeometry g, double padValue);

    /**
     * col2im, the exact adjoint of {@link #unfold} with padValue 0 (so ⟨unfold(x), y⟩ = ⟨x, fold(y)⟩):
     * {@code cols [N, C·kh·kw, L] → [N,C,H,W]}, summing overlapping contributions and dropping padding.
     * {@code L} must equal oH·oW for the given {@code height}, {@code width}; the row count must be a multiple of kh·kw.
     */
    Tensor fold(Tensor cols, ConvGeometry g, int height, int width);

    // ------------------------------------------------------------------ fused operations (composite defaults)

    /**
     * Convolution, as {@code torch.nn.functional.conv2d(input, weight, bias)} with the stride, padding and dilation
     * of {@code g}: {@code input [N, in, H, W]}, {@code weight [out, in, kh, kw]}, {@code bias [out]} or null
     * → {@code [N, out, oH, oW]}. A fused operation: the default ({@link CompositeConvolutions#conv2d}) is written on
     * the primitives and is its definition; a backend may override it for speed and must then return the same
     * values (the conformance kit checks this).
     */
    default Tensor conv2d(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
        return CompositeConvolutions.conv2d(this, input, weight, bias, g);
    }

    /**
     * The gradients of {@link #conv2d} given {@code gradOutput [N, out, oH, oW]} and the forward's input and weight,
     * as PyTorch's {@code convolution_backward}: ∂L/∂input, ∂L/∂weight, and ∂L/∂bias when {@code biasGrad}.
     * Default: {@link CompositeConvolutions#conv2dBackward}.
     */
    default ConvGradients conv2dBackward(Tensor gradOutput, Tensor input, Tensor weight, ConvGeometry g, boolean biasGrad) {
        return CompositeConvolutions.conv2dBackward(this, gradOutput, input, weight, g, biasGrad);
    }

    /**
     * Transposed convolution, as {@code torch.nn.functional.conv_transpose2d}: the adjoint of {@link #conv2d} with
     * geometry {@code g}, plus a bias. {@code input [N, in, H, W]}, {@code weight [in, out, kh, kw]},
     * {@code bias [out]} or null → {@code [N, out, outH, outW]}; the output size carries PyTorch's
     * {@code output_padding}. Default: {@link CompositeConvolutions#convTranspose2d}.
     */
    default Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, ConvGeometry g, int outH, int outW) {
        return CompositeConvolutions.convTranspose2d(this, input, weight, bias, g, outH, outW);
    }

    /**
     * The gradients of {@link #convTranspose2d} given {@code gradOutput [N, out, outH, outW]} and the forward's
     * input and weight. Default: {@link CompositeConvolutions#convTranspose2dBackward}.
     */
    default ConvGradients convTranspose2dBackward(Tensor gradOutput, Tensor input, Tensor weight, ConvGeometry g, boolean biasGrad) {
        return CompositeConvolutions.convTranspose2dBackward(this, gradOutput, input, weight, g, biasGrad);
    }

    /**
     * {@code torch.relu}: {@code max(x, 0)} elementwise, NaN propagated. A fused operation (default:
     * {@link CompositeActivations#relu}) so that a backend can compute it in one pass.
     */
    default Tensor relu(Tensor x) {
        return CompositeActivations.relu(this, x);
    }

    /**
     * The gradient of {@link #relu} from its output, as PyTorch's {@code threshold_backward(gradOutput, output, 0)}:
     * {@code gradOutput} where {@code output} is not ≤ 0 (NaN passes), else 0. Default:
     * {@link CompositeActivations#reluBackward}.
     */
    default Tensor reluBackward(Tensor gradOutput, Tensor output) {
        return CompositeActivations.reluBackward(this, gradOutput, output);
    }

    /**
     * One Adam/AdamW update of {@code param} in place, with its state {@code expAvg} and {@code expAvgSq} (updated in
     * place) and the gradient {@code grad}, all of one shape and dtype. A fused operation: the default
     * ({@link CompositeOptimizers#adamStep}, a dozen elementwise primitives) is its definition; a backend may do it
     * in one pass.
     */
    default void adamStep(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, AdamUpdate update) {
        CompositeOptimizers.adamStep(this, param, grad, expAvg, expAvgSq, update);
    }

    /**
     * {@code torch.erf}: the error function 2/√π·∫₀ˣ e^(−t²) dt, elementwise, any shape; erf(±∞) = ±1, NaN propagated.
     * A fused operation: the default ({@link CompositeSpecialFunctions#erf}, Cody's rational approximation on the
     * elementwise primitives; FLOAT64 relative error ≤ 1e-12, checked by the kit) is its definition; a backend may compute it in
     * one pass and must then stay within the SPI's tolerances of it.
     */
    default Tensor erf(Tensor x) {
        return CompositeSpecialFunctions.erf(this, x);
    }

    // ------------------------------------------------------------------ elementwise

    /** Applies {@code op} to every element (definition: {@link UnaryOp#apply}). */
    Tensor unary(UnaryOp op, Tensor x);

    /**
     * Applies {@code op} to pairs of elements with NumPy broadcasting (shapes aligned from the right; each pair
     * of dimensions equal or one of them 1). Definition: {@link BinaryOp#apply}.
     */
    Tensor binary(BinaryOp op, Tensor a, Tensor b);

    /** {@code op(a, scalar)} for every element of {@code a}. */
    Tensor binary(BinaryOp op, Tensor a, double scalar);

    // ------------------------------------------------------------------ reductions

    /**
     * Sum over the given axes (negative axes count from the end; duplicates are an error; an empty list is a copy).
     * With {@code keepDims} the reduced axes stay with size 1.
     */
    Tensor sum(Tensor x, int[] axes, boolean keepDims);

    /**
     * Maximum over one axis and the index where it occurs (the first occurrence on ties; NaN counts as the
     * maximum, as PyTorch). The axis must have size ≥ 1.
     */
    ArgMax max(Tensor x, int axis, boolean keepDims);

    /**
     * The adjoint of gathering at argmax: a zero tensor shaped like {@code src} but with {@code size} along
     * {@code axis}, where {@code out[..., index[...,0,...], ...] += src[..., 0, ...]}. {@code src} and
     * {@code index} have the same shape with size 1 along {@code axis} (as {@link #max} with keepDims returns).
     * Routes max-pool gradients. Indices out of [0, size) throw.
     */
    Tensor scatter(Tensor src, Tensor index, int axis, int size);

    // ------------------------------------------------------------------ in place (optimizers, accumulation)

    /** {@code y += alpha · x}, in place; shapes must be equal. */
    void axpy(double alpha, Tensor x, Tensor y);

    /** Sets every element of {@code t} to {@code value}, in place. */
    void fill(Tensor t, double value);

    /** Copies {@code src} into {@code dst}, in place; shapes must be equal. */
    void copy(Tensor src, Tensor dst);

    // ------------------------------------------------------------------ memory

    /** Opens a {@link MemoryScope}; host backends return a no-op. */
    default MemoryScope scope() { return MemoryScope.noop(); }
}
