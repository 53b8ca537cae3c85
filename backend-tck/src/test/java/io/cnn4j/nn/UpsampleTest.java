package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

class UpsampleTest {

    @Test
    void nearestCopiesEachPixelIntoAScaleBlock() {
        for (int[] s : new int[][]{{2, 2}, {3, 1}, {1, 2}}) {
            Upsample up = Upsample.scaleFactor(s[0], s[1]);
            int n = 2, c = 3, h = 3, w = 4;
            Tensor x = randn(31, n, c, h, w);
            double[] xs = x.toDoubleArray();
            int oh = h * s[0], ow = w * s[1];
            double[] expected = new double[n * c * oh * ow];
            for (int b = 0; b < n * c; b++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++) expected[(b * oh + i) * ow + j] = xs[(b * h + i / s[0]) * w + j / s[1]];
            assertClose(up.forward(x), new int[]{n, c, oh, ow}, expected, 0.0, up.toString());
            gradCheck(up, x, 1e-6);
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void reprAndUnsupportedMode() {
        assertEquals("Upsample(scale_factor=2.0, mode='nearest')", Upsample.scaleFactor(2).toString());
        String m = assertThrows(IllegalArgumentException.class, () -> new Upsample(2, "bilinear")).getMessage();
        assertTrue(m.contains("'bilinear'") && m.contains("nearest"), m);
        String r = assertThrows(IllegalArgumentException.class, () -> Upsample.scaleFactor(2).forward(randn(1, 3, 4))).getMessage();
        assertTrue(r.startsWith("Upsample(") && r.contains("[3, 4]"), r);
    }
}
