package io.cnn4j.jcuda;

import io.cnn4j.tensor.ConvGeometry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class WindowGeometryTest {

    @Test
    void kernelArgumentFieldOrderMatchesStructGeo() {
        ConvGeometry g = new ConvGeometry(3, 2, 2, 1, 1, 0, 2, 2, 1, 2);
        WindowGeometry w = WindowGeometry.of(g, 5, 7, 9);
        // C, H, W, kh, kw, sh, sw, pt, pl, dh, dw, oH, oW ; oH = (7+1+0-3)/2+1 = 3, oW = (9+2+2-3)/1+1 = 11
        assertArrayEquals(new int[] {5, 7, 9, 3, 2, 2, 1, 1, 2, 1, 2, 3, 11}, w.toKernelArg());
        assertEquals(33, w.positions());
        assertEquals(30, w.rows());
    }

    @Test
    void sourceIndexFollowsTorchUnfoldLayout() {
        ConvGeometry g = ConvGeometry.square(2, 2, 1, 1); // 4x4 input, padding 1 -> 3x3 outputs
        WindowGeometry w = WindowGeometry.of(g, 2, 4, 4);
        // row (c=1, ki=1, kj=0) = 1*4 + 2 = 6, column (oh=2, ow=1) = 7: reads (c=1, 2*2-1+1, 1*2-1+0) = (1, 4, 1): padding row
        assertArrayEquals(new int[] {1, 4, 1}, w.source(6, 7));
        assertArrayEquals(new int[] {0, -1, -1}, w.source(0, 0));
    }

    @Test
    void tooSmallInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> WindowGeometry.of(ConvGeometry.square(5, 1, 0, 1), 1, 4, 4));
    }
}
