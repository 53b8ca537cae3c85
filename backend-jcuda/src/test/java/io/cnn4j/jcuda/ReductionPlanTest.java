package io.cnn4j.jcuda;

import io.cnn4j.tensor.Shapes;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** How sums are mapped onto the [outer, red, inner] kernels, checked by summing on the host through the plan. */
class ReductionPlanTest {

    @Test
    void contiguousRunNeedsNoPermutation() {
        ReductionPlan p = ReductionPlan.of(new int[] {2, 3, 4, 5}, new int[] {1, 2}, false);
        assertNull(p.permutation());
        assertEquals(2, p.outer());
        assertEquals(12, p.red());
        assertEquals(5, p.inner());
        assertArrayEquals(new int[] {2, 5}, p.outShape());
        assertArrayEquals(new int[] {2, 1, 1, 5}, ReductionPlan.of(new int[] {2, 3, 4, 5}, new int[] {-2, -3}, true).outShape());
    }

    @Test
    void biasGradientPermutesChannelsFirst() {
        ReductionPlan p = ReductionPlan.of(new int[] {32, 64, 16, 16}, new int[] {0, 2, 3}, false);
        assertArrayEquals(new int[] {1, 0, 2, 3}, p.permutation());
        assertEquals(64, p.outer());
        assertEquals(32 * 16 * 16, p.red());
        assertEquals(1, p.inner());
        assertTrue(p.useRowBlocks());
        assertArrayEquals(new int[] {64}, p.outShape());
    }

    @Test
    void sumAllAndNoAxes() {
        ReductionPlan all = ReductionPlan.of(new int[] {3, 4}, new int[] {0, 1}, false);
        assertArrayEquals(new int[] {}, all.outShape());
        assertEquals(1, all.outer());
        assertEquals(12, all.red());
        ReductionPlan none = ReductionPlan.of(new int[] {3, 4}, new int[] {}, false);
        assertEquals(1, none.red());
        assertArrayEquals(new int[] {3, 4}, none.outShape());
    }

    @Test
    void badAxesAreRejected() {
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> ReductionPlan.of(new int[] {3, 4}, new int[] {1, -1}, false));
        assertTrue(dup.getMessage().contains("twice"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReductionPlan.of(new int[] {3, 4}, new int[] {2}, false));
    }

    @Test
    void summingThroughThePlanMatchesNaiveSums() {
        qt().withExamples(200).forAll(lists().of(integers().between(1, 4)).ofSizeBetween(1, 5), integers().between(0, 1_000_000))
                .checkAssert((dims, seed) -> {
                    int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
                    SplittableRandom r = new SplittableRandom(seed);
                    boolean[] red = new boolean[shape.length];
                    int count = 0;
                    for (int d = 0; d < shape.length; d++) if (red[d] = r.nextBoolean()) count++;
                    int[] axes = new int[count];
                    for (int d = 0, j = 0; d < shape.length; d++) if (red[d]) axes[j++] = d;
                    double[] x = new double[(int) Shapes.numel(shape)];
                    for (int i = 0; i < x.length; i++) x[i] = r.nextInt(100);
                    ReductionPlan p = ReductionPlan.of(shape, axes, false);
                    double[] src = p.permutation() == null ? x : permute(x, shape, p.permutation());
                    double[] viaPlan = new double[p.outer() * p.inner()];
                    for (int o = 0; o < p.outer(); o++)
                        for (int i = 0; i < p.inner(); i++)
                            for (int k = 0; k < p.red(); k++) viaPlan[o * p.inner() + i] += src[(o * p.red() + k) * p.inner() + i];
                    assertArrayEquals(naiveSum(x, shape, red), viaPlan, 0.0);
                    assertEquals(Shapes.numel(p.outShape()), viaPlan.length);
                });
    }

    static double[] permute(double[] x, int[] shape, int[] perm) {
        StridedLayout l = StridedLayout.permute(shape, perm);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            long[] o = l.offsets(i);
            out[(int) o[1]] = x[(int) o[0]];
        }
        return out;
    }

    static double[] naiveSum(double[] x, int[] shape, boolean[] red) {
        int[] strides = Shapes.strides(shape);
        int[] outShape = new int[shape.length];
        for (int d = 0; d < shape.length; d++) outShape[d] = red[d] ? 1 : shape[d];
        int[] outStrides = Shapes.strides(outShape);
        double[] out = new double[(int) Shapes.numel(outShape)];
        for (int i = 0; i < x.length; i++) {
            int o = 0;
            for (int d = 0; d < shape.length; d++) if (!red[d]) o += (i / strides[d] % shape[d]) * outStrides[d];
            out[o] += x[i];
        }
        return out;
    }
}
