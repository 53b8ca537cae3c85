package io.cnn4j.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Shape arithmetic is exact: an overflowing product fails instead of wrapping to a small number. */
class ShapesTest {
    @Test
    void numelIsExactAndFailsOnOverflow() {
        assertEquals(24, Shapes.numel(2, 3, 4));
        assertEquals(1, Shapes.numel());
        assertEquals(0, Shapes.numel(5, 0, 7));
        assertThrows(ArithmeticException.class, () -> Shapes.numel(20, 1718039348, 2147418113));
        assertThrows(IllegalArgumentException.class, () -> Shapes.numel(2, -1));
    }

    @Test
    void numelIntRejectsShapesLargerThanAnArray() {
        assertEquals(6, Shapes.numelInt("x", 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shapes.numelInt("image", 3, 27000, 27000));
        assertTrue(e.getMessage().contains("image") && e.getMessage().contains("2187000000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Shapes.numelInt("t", 20, 1718039348, 2147418113));
        assertTrue(e.getMessage().contains("more than 2^63"), e.getMessage());
    }

    @Test
    void stridesAndReshapeFailOnOverflow() {
        assertArrayEquals(new int[]{12, 4, 1}, Shapes.strides(2, 3, 4));
        assertThrows(ArithmeticException.class, () -> Shapes.strides(65536, 65536, 2));
        assertArrayEquals(new int[]{6, 4}, Shapes.resolveReshape(new int[]{2, 3, 4}, new int[]{-1, 4}));
        assertThrows(ArithmeticException.class, () -> Shapes.resolveReshape(new int[]{4}, new int[]{1 << 30, 1 << 30, 1 << 30, -1}));
    }
}
