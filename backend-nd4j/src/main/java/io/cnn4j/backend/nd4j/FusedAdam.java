package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.AdamUpdate;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * {@code Backend.adamStep} for plain FLOAT32 arrays in one pass: the parameter, gradient and both moments are read
 * once into host arrays, updated element by element in the order of {@code CompositeOptimizers.adamStep}, and the
 * parameter and moments written back. The composite runs a dozen libnd4j ops per parameter tensor, each with its
 * own call overhead and pass over memory, which dominates for the many small tensors of a CNN.
 */
final class FusedAdam {
    private FusedAdam() {}

    static void step(INDArray param, INDArray grad, INDArray expAvg, INDArray expAvgSq, AdamUpdate u) {
        int n = Math.toIntExact(param.length());
        FloatBuffer pb = param.data().asNioFloat(), gb = grad.data().asNioFloat(),
                mb = expAvg.data().asNioFloat(), vb = expAvgSq.data().asNioFloat();
        float[] p = new float[n], g = new float[n], m = new float[n], v = new float[n];
        pb.get(0, p);
        gb.get(0, g);
        mb.get(0, m);
        vb.get(0, v);
        float b1 = (float) u.beta1(), b2 = (float) u.beta2(), oneMinusB1 = (float) (1 - u.beta1()), oneMinusB2 = (float) (1 - u.beta2());
        float decay = (float) (1 - u.lr() * u.weightDecay()), l2 = (float) u.weightDecay();
        boolean decoupled = u.decoupled() && u.weightDecay() != 0, coupled = !u.decoupled() && u.weightDecay() != 0;
        float bc2Sqrt = (float) u.biasCorrection2Sqrt(), eps = (float) u.eps(), stepSize = (float) u.stepSize();
        for (int i = 0; i < n; i++) {
            float pi = decoupled ? p[i] * decay : p[i];
            float gi = coupled ? g[i] + pi * l2 : g[i];
            float mi = m[i] * b1 + gi * oneMinusB1;
            float vi = v[i] * b2 + gi * gi * oneMinusB2;
            m[i] = mi;
            v[i] = vi;
            p[i] = pi - stepSize * (mi / ((float) Math.sqrt(vi) / bc2Sqrt + eps));
        }
        pb.put(0, p);
        mb.put(0, m);
        vb.put(0, v);
    }
}
