package io.cnn4j.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * {@code Backend.relu} and {@code Backend.reluBackward} for plain FLOAT32 arrays, with PyTorch's NaN semantics
 * ({@code Math.max} propagates NaN; {@code !(y <= 0)} lets the gradient through a NaN output). The composites take
 * three to five libnd4j ops and a NaN scan per call.
 *
 * <p>The backward is two native passes, {@code dY · step(y)} with libnd4j's {@code step} ({@code y > 0 ? 1 : 0}):
 * PyTorch's rule exactly wherever {@code y} is not NaN and {@code dY} is finite. Where {@code y} is NaN, PyTorch
 * passes {@code dY} and {@code step} would not; where {@code dY} is infinite at {@code y <= 0}, PyTorch gives 0 and the
 * product NaN. BLAS scans of both ({@link Gemm#sumOfSquares}: not finite when either holds a NaN or an infinity)
 * send such calls to the exact rule on the host. On the {@code wide-unet}'s activations this takes a tenth of the time
 * of copying through host arrays, and a quarter of libnd4j's {@code relu_bp}. The forward copies through host arrays
 * ({@link HostScratch}): libnd4j's {@code relu} maps NaN to 0.
 */
final class FusedRelu {
    private FusedRelu() {}

    static INDArray relu(INDArray x) {
        int n = Math.toIntExact(x.length());
        float[] a = HostScratch.get(HostScratch.IMAGE, n);
        x.data().asNioFloat().get(0, a, 0, n);
        for (int i = 0; i < n; i++) a[i] = Math.max(a[i], 0f);
        return fromHost(a, n, x.shape());
    }

    static INDArray reluBackward(INDArray gradOutput, INDArray output) {
        if (!Float.isFinite(Gemm.sumOfSquares(output) + Gemm.sumOfSquares(gradOutput))) return reluBackwardOnHost(gradOutput, output);
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, output.shape(), 'c');
        Nd4j.exec(new Step(output, z, 0.0));
        return z.muli(gradOutput);
    }

    /** PyTorch's rule element by element: zero where {@code y <= 0}, else {@code dY} (so a NaN {@code y} passes it). */
    static INDArray reluBackwardOnHost(INDArray gradOutput, INDArray output) {
        int n = Math.toIntExact(output.length());
        float[] g = HostScratch.get(HostScratch.IMAGE, n), y = HostScratch.get(HostScratch.MATRIX, n);
        gradOutput.data().asNioFloat().get(0, g, 0, n);
        output.data().asNioFloat().get(0, y, 0, n);
        for (int i = 0; i < n; i++) if (y[i] <= 0f) g[i] = 0f;
        return fromHost(g, n, output.shape());
    }

    private static INDArray fromHost(float[] a, int n, long[] shape) {
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        FloatBuffer b = z.data().asNioFloat();
        b.put(0, a, 0, n);
        return z;
    }
}
