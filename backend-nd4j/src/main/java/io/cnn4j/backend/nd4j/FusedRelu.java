package io.cnn4j.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * {@code Backend.relu} and {@code Backend.reluBackward} for plain FLOAT32 arrays in one pass each over host arrays
 * ({@link HostScratch}), with PyTorch's NaN semantics ({@code Math.max} propagates NaN; {@code !(y <= 0)} lets the
 * gradient through a NaN output). The composites take three to five libnd4j ops and a NaN scan per call.
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
