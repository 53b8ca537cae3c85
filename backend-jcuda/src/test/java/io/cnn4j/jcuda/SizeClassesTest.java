package io.cnn4j.jcuda;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

class SizeClassesTest {

    @Test
    void smallRequestsRoundToMultiplesOf256() {
        assertEquals(256, SizeClasses.roundUp(1));
        assertEquals(256, SizeClasses.roundUp(256));
        assertEquals(512, SizeClasses.roundUp(257));
        assertEquals(4096, SizeClasses.roundUp(4096));
        assertEquals(0, SizeClasses.classOf(4));
        assertEquals(15, SizeClasses.classOf(4096));
    }

    @Test
    void largeRequestsUseQuarterOctaves() {
        assertEquals(5120, SizeClasses.roundUp(4097));
        assertEquals(8192, SizeClasses.roundUp(8192));
        assertEquals(10240, SizeClasses.roundUp(8193));
        assertEquals(64L << 20, SizeClasses.roundUp(64L << 20));          // 4096^2 floats: exact
        assertEquals(80L << 20, SizeClasses.roundUp((64L << 20) + 1));
        assertThrows(IllegalArgumentException.class, () -> SizeClasses.classOf(0));
    }

    @Test
    void everyRequestFitsItsClassWithAtMostAQuarterWaste() {
        qt().withExamples(5000).forAll(longs().between(1, 1L << 40)).checkAssert(bytes -> {
            int c = SizeClasses.classOf(bytes);
            long size = SizeClasses.sizeOf(c);
            assertTrue(size >= bytes, bytes + " -> " + size);
            assertTrue(size % 256 == 0, "alignment " + size);
            if (bytes > 4096) assertTrue(size - bytes <= bytes / 4, bytes + " -> " + size);
            if (c > 0) assertTrue(SizeClasses.sizeOf(c - 1) < bytes, "class " + c + " is the smallest that fits " + bytes);
        });
    }

    @Test
    void classesAreStrictlyIncreasing() {
        for (int c = 1; c < 200; c++) assertTrue(SizeClasses.sizeOf(c) > SizeClasses.sizeOf(c - 1), "class " + c);
        for (int c = 0; c < 200; c++) assertEquals(c, SizeClasses.classOf(SizeClasses.sizeOf(c)), "round trip " + c);
    }
}
