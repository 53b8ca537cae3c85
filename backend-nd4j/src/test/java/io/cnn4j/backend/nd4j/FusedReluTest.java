package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code reluBackward} on FLOAT32 against PyTorch's {@code threshold_backward} rule, element by element: through the
 * native {@code dY · step(y)} path on ordinary values, and through the host path where a NaN output or an infinite
 * gradient needs it (NaN output passes the gradient; an infinite gradient at {@code y <= 0} gives 0, not NaN).
 */
class FusedReluTest {
    private static final Nd4jBackend B = Nd4jVsReference.ND4J;

    private static float[] rule(float[] dY, float[] y) {
        float[] z = new float[y.length];
        for (int i = 0; i < y.length; i++) z[i] = y[i] <= 0f ? 0f : dY[i];
        return z;
    }

    @Test
    void nativePathEqualsTheRuleExactly() {
        SplittableRandom r = new SplittableRandom(1);
        int n = 4 * 8 * 16 * 16;
        float[] y = new float[n], dY = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 7 == 0 ? 0f : i % 11 == 0 ? -0f : (float) Math.max(0, r.nextDouble(-1, 1));
            dY[i] = (float) r.nextDouble(-3, 3);
        }
        Tensor got = B.reluBackward(B.fromArray(dY, 4, 8, 16, 16), B.fromArray(y, 4, 8, 16, 16));
        assertEquals(DType.FLOAT32, got.dtype());
        assertArrayEquals(rule(dY, y), got.toFloatArray(), 0f);
    }

    @Test
    void nanOutputsAndInfiniteGradientsFollowPyTorch() {
        float[] y = {Float.NaN, 0f, -0f, 2f, Float.POSITIVE_INFINITY, 0f, 1f, 0f};
        float[] dY = {5f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 3f, 7f, Float.POSITIVE_INFINITY, Float.NaN};
        float[] got = B.reluBackward(B.fromArray(dY, 2, 4), B.fromArray(y, 2, 4)).toFloatArray();
        assertArrayEquals(new float[]{5f, 0f, 0f, Float.NaN, 3f, 0f, Float.POSITIVE_INFINITY, 0f}, got, 0f);
        // The same with only finite values except one NaN output: the NaN passes its gradient.
        float[] y2 = {1f, Float.NaN, 0f, 3f}, dY2 = {1f, 2f, 3f, 4f};
        assertArrayEquals(new float[]{1f, 2f, 0f, 4f}, B.reluBackward(B.fromArray(dY2, 4), B.fromArray(y2, 4)).toFloatArray(), 0f);
    }
}
