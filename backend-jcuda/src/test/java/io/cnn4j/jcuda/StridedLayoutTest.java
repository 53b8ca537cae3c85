package io.cnn4j.jcuda;

import io.cnn4j.tensor.Shapes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** The host-side index arithmetic handed to the strided kernels (broadcast, permute, slice, concat). */
class StridedLayoutTest {

    @Test
    void broadcastStridesAreZeroOnBroadcastAxes() {
        StridedLayout l = StridedLayout.broadcast(new int[] {2, 3, 4}, new int[] {3, 1}, new int[] {2, 1, 4});
        assertArrayEquals(new int[] {2, 3, 4}, l.shape());
        assertArrayEquals(new int[] {0, 1, 0}, l.s0());
        assertArrayEquals(new int[] {4, 0, 1}, l.s1());
        // element (1, 2, 3): a[2, 0] = offset 2, b[1, 0, 3] = offset 7
        long i = (1 * 3 + 2) * 4 + 3;
        assertArrayEquals(new long[] {2, 7}, l.offsets(i));
    }

    @Test
    void scalarOperandBroadcastsEverywhere() {
        StridedLayout l = StridedLayout.broadcast(new int[] {5}, new int[] {}, new int[] {5});
        assertArrayEquals(new int[] {0}, l.s0());
        assertArrayEquals(new int[] {1}, l.s1());
    }

    @Test
    void permuteReadsTheSourceAxis() {
        // x [2,3,4] -> permute(2,0,1) -> [4,2,3]; out (k, i, j) reads x (i, j, k) at i*12 + j*4 + k
        StridedLayout l = StridedLayout.permute(new int[] {2, 3, 4}, new int[] {2, 0, 1});
        assertArrayEquals(new int[] {4, 2, 3}, l.shape());
        assertArrayEquals(new int[] {1, 12, 4}, l.s0());
        assertArrayEquals(new int[] {6, 3, 1}, l.s1());
        for (int k = 0; k < 4; k++)
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 3; j++) {
                    long[] o = l.offsets((k * 2 + i) * 3 + j);
                    assertEquals(i * 12 + j * 4 + k, o[0]);
                    assertEquals((k * 2 + i) * 3 + j, o[1]);
                }
    }

    @Test
    void sliceAndConcatOffsets() {
        // slice rows 1..2 of axis 1 of [2,4,3]: part [2,2,3] read from whole strides, plus start offset 1*3
        StridedLayout slice = StridedLayout.partOfWhole(new int[] {2, 2, 3}, new int[] {2, 4, 3}).swapped();
        long i = (1 * 2 + 1) * 3 + 2;                    // part (1, 1, 2)
        assertEquals(1 * 12 + 1 * 3 + 2, slice.offsets(i)[0]); // whole (1, 1+start, 2) minus start*3
        assertEquals(i, slice.offsets(i)[1]);
        StridedLayout concat = StridedLayout.partOfWhole(new int[] {2, 2, 3}, new int[] {2, 4, 3});
        assertEquals(i, concat.offsets(i)[0]);
        assertEquals(1 * 12 + 1 * 3 + 2, concat.offsets(i)[1]);
    }

    @Test
    void coalesceMergesContiguousAxesAndDropsOnes() {
        StridedLayout same = StridedLayout.broadcast(new int[] {2, 3, 4}, new int[] {2, 3, 4}, new int[] {2, 3, 4}).coalesce();
        assertArrayEquals(new int[] {24}, same.shape());
        StridedLayout bias = StridedLayout.broadcast(new int[] {8, 16, 5, 5}, new int[] {8, 16, 5, 5}, new int[] {16, 1, 1}).coalesce();
        assertArrayEquals(new int[] {8, 16, 25}, bias.shape());
        assertArrayEquals(new int[] {400, 25, 1}, bias.s0());
        assertArrayEquals(new int[] {0, 1, 0}, bias.s1());
        StridedLayout ones = new StridedLayout(new int[] {1, 1}, new int[] {7, 7}, new int[] {9, 9}).coalesce();
        assertEquals(0, ones.rank());
        assertArrayEquals(new long[] {0, 0}, ones.offsets(0));
    }

    @Test
    void coalescedLayoutAddressesTheSameElements() {
        // random shapes, random broadcasting operand, random permutation: every linear index maps identically
        qt().withExamples(200).forAll(lists().of(integers().between(1, 4)).ofSizeBetween(0, 6), integers().between(0, Integer.MAX_VALUE))
                .checkAssert((dims, seed) -> {
                    int[] out = dims.stream().mapToInt(Integer::intValue).toArray();
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    int[] b = new int[out.length - r.nextInt(out.length + 1)];
                    for (int d = 0; d < b.length; d++) b[d] = r.nextBoolean() ? 1 : out[out.length - b.length + d];
                    StridedLayout l = StridedLayout.broadcast(out, out, b);
                    StridedLayout c = l.coalesce();
                    assertTrue(c.rank() <= l.rank());
                    for (long i = 0; i < Shapes.numel(out); i++) assertArrayEquals(l.offsets(i), c.offsets(i), l + " vs " + c + " at " + i);
                    int[] perm = randomPermutation(out.length, r);
                    StridedLayout p = StridedLayout.permute(out, perm);
                    StridedLayout pc = p.coalesce();
                    for (long i = 0; i < Shapes.numel(out); i++) assertArrayEquals(p.offsets(i), pc.offsets(i));
                });
    }

    @Test
    void kernelArgumentIsRankShapeAndTwoStrideArrays() {
        int[] arg = new StridedLayout(new int[] {2, 3}, new int[] {3, 1}, new int[] {0, 1}).toKernelArg("t");
        assertEquals(25, arg.length);
        assertEquals(2, arg[0]);
        assertEquals(2, arg[1]);
        assertEquals(3, arg[2]);
        assertEquals(3, arg[9]);
        assertEquals(1, arg[10]);
        assertEquals(0, arg[17]);
        assertEquals(1, arg[18]);
    }

    @Test
    void tooManyAxesAreRejectedWithTheShape() {
        int[] nine = {2, 2, 2, 2, 2, 2, 2, 2, 2};
        StridedLayout l = StridedLayout.permute(nine, new int[] {8, 7, 6, 5, 4, 3, 2, 1, 0}).coalesce();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.toKernelArg("permute"));
        assertTrue(e.getMessage().contains("permute") && e.getMessage().contains("at most 8"), e.getMessage());
    }

    static int[] randomPermutation(int n, java.util.SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
