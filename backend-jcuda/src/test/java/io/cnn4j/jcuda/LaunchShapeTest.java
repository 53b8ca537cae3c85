package io.cnn4j.jcuda;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LaunchShapeTest {

    @Test
    void linearCoversEveryElementWithOneThreadUpToTheCap() {
        assertEquals("grid=(1,1,1) block=(256,1,1)", LaunchShape.linear(1).toString());
        assertEquals(1, LaunchShape.linear(256).gridX());
        assertEquals(2, LaunchShape.linear(257).gridX());
        assertEquals(3907, LaunchShape.linear(1_000_000).gridX());
        LaunchShape capped = LaunchShape.linear(1L << 31);
        assertEquals(LaunchShape.MAX_LINEAR_BLOCKS, capped.gridX()); // the kernels' grid-stride loops cover the rest
        assertThrows(IllegalArgumentException.class, () -> LaunchShape.linear(0));
    }

    @Test
    void perRowAndLimits() {
        assertEquals(64, LaunchShape.perRow(64, 256).gridX());
        assertEquals(LaunchShape.MAX_LINEAR_BLOCKS, LaunchShape.perRow(1L << 20, 256).gridX());
        assertThrows(IllegalArgumentException.class, () -> new LaunchShape(1, 1, 65536, 256, 1, 1));
    }
}
