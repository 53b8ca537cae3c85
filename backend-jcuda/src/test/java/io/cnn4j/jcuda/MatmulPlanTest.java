package io.cnn4j.jcuda;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/** Shapes, strides and launch shapes the matmul kernel gets, checked by multiplying through the plan's addressing. */
class MatmulPlanTest {

    @Test
    void plainAndTransposedShapesAndStrides() {
        MatmulPlan p = MatmulPlan.of(new int[] {3, 5}, false, new int[] {5, 7}, false);
        assertArrayEquals(new int[] {3, 7}, p.outShape());
        assertArrayEquals(new int[] {3, 7, 5, 5, 1, 0, 7, 1, 0, 7, 21}, p.toKernelArg());
        MatmulPlan t = MatmulPlan.of(new int[] {5, 3}, true, new int[] {7, 5}, true);
        assertArrayEquals(new int[] {3, 7}, t.outShape());
        assertArrayEquals(new int[] {3, 7, 5, 1, 3, 0, 1, 5, 0, 7, 21}, t.toKernelArg());
    }

    @Test
    void twoDimensionalOperandIsBroadcastOverTheBatch() {
        MatmulPlan p = MatmulPlan.of(new int[] {64, 12}, false, new int[] {32, 12, 256}, false);
        assertArrayEquals(new int[] {32, 64, 256}, p.outShape());
        assertEquals(0, p.aSb());
        assertEquals(12 * 256, p.bSb());
        assertEquals(64 * 256, p.cSb());
        MatmulPlan q = MatmulPlan.of(new int[] {4, 2, 3}, false, new int[] {3, 5}, false);
        assertArrayEquals(new int[] {4, 2, 5}, q.outShape());
        assertEquals(0, q.bSb());
    }

    @Test
    void mismatchesNameBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatmulPlan.of(new int[] {3, 5}, false, new int[] {4, 7}, false));
        assertTrue(e.getMessage().contains("[3, 5]") && e.getMessage().contains("[4, 7]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MatmulPlan.of(new int[] {2, 3, 5}, false, new int[] {3, 5, 7}, false));
        assertThrows(IllegalArgumentException.class, () -> MatmulPlan.of(new int[] {5}, false, new int[] {5, 7}, false));
    }

    @Test
    void tileChoiceAndLaunchShape() {
        MatmulPlan big = MatmulPlan.of(new int[] {4096, 4096}, false, new int[] {4096, 4096}, false);
        assertEquals(MatmulPlan.Tiles.BIG, big.tiles(132));
        assertEquals("grid=(32,32,1) block=(256,1,1)", big.launch(MatmulPlan.Tiles.BIG, 1).toString());
        MatmulPlan seed = MatmulPlan.of(new int[] {64, 12}, false, new int[] {32, 12, 256}, false);
        assertEquals(MatmulPlan.Tiles.SMALL, seed.tiles(132));           // 1*2*32 = 64 big tiles < 2 per SM
        assertEquals("grid=(4,1,32) block=(256,1,1)", seed.launch(MatmulPlan.Tiles.SMALL, 32).toString());
        assertEquals(MatmulPlan.Tiles.BIG1, seed.tiles(132, "big1"));
        assertEquals(MatmulPlan.Tiles.BIG2, seed.tiles(132, "big2"));
        assertEquals(MatmulPlan.Tiles.BIG, seed.tiles(132, "big"));
        assertThrows(IllegalArgumentException.class, () -> seed.tiles(132, "huge"));
    }

    @Test
    void addressingThroughThePlanComputesTheProduct() {
        qt().withExamples(150).forAll(integers().between(1, 6), integers().between(1, 6), integers().between(0, 6), integers().between(0, 1_000_000))
                .checkAssert((m, n, k, seed) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    boolean ta = r.nextBoolean(), tb = r.nextBoolean();
                    int mode = r.nextInt(4); // 0: 2Dx2D, 1: 3Dx3D, 2: 2Dx3D, 3: 3Dx2D
                    int batch = 1 + r.nextInt(3);
                    int[] aShape = ta ? new int[] {k, m} : new int[] {m, k};
                    int[] bShape = tb ? new int[] {n, k} : new int[] {k, n};
                    if (mode == 1 || mode == 3) aShape = new int[] {batch, aShape[0], aShape[1]};
                    if (mode == 1 || mode == 2) bShape = new int[] {batch, bShape[0], bShape[1]};
                    double[] a = random(r, io.cnn4j.tensor.Shapes.numel(aShape)), b = random(r, io.cnn4j.tensor.Shapes.numel(bShape));
                    MatmulPlan p = MatmulPlan.of(aShape, ta, bShape, tb);
                    int nb = mode == 0 ? 1 : batch;
                    assertEquals(m, p.m());
                    assertEquals(n, p.n());
                    assertEquals(k, p.k());
                    assertEquals(nb, p.batch());
                    double[] c = new double[(int) io.cnn4j.tensor.Shapes.numel(p.outShape())];
                    for (int bi = 0; bi < nb; bi++)
                        for (int i = 0; i < m; i++)
                            for (int j = 0; j < n; j++) {
                                double s = 0;
                                for (int kk = 0; kk < k; kk++) s += a[(int) p.aIndex(bi, i, kk)] * b[(int) p.bIndex(bi, kk, j)];
                                c[(int) p.cIndex(bi, i, j)] = s;
                            }
                    // naive product with explicit transposes and broadcasting
                    for (int bi = 0; bi < nb; bi++)
                        for (int i = 0; i < m; i++)
                            for (int j = 0; j < n; j++) {
                                double s = 0;
                                for (int kk = 0; kk < k; kk++) {
                                    int aBase = aShape.length == 3 ? bi * m * k : 0, bBase = bShape.length == 3 ? bi * k * n : 0;
                                    double av = ta ? a[aBase + kk * m + i] : a[aBase + i * k + kk];
                                    double bv = tb ? b[bBase + j * k + kk] : b[bBase + kk * n + j];
                                    s += av * bv;
                                }
                                assertEquals(s, c[(bi * m + i) * n + j], 1e-12);
                            }
                });
    }

    private static double[] random(SplittableRandom r, long n) {
        double[] d = new double[(int) n];
        for (int i = 0; i < d.length; i++) d[i] = r.nextDouble() * 2 - 1;
        return d;
    }
}
