package io.cnn4j.examples.denoise;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.imaging.Dihedral;
import io.cnn4j.examples.models.DenoiserModels;
import io.cnn4j.examples.models.WideUNet;
import io.cnn4j.nn.Context;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The geometric self-ensemble: its average over the eight symmetries, on rectangles, with a real model. */
class SelfEnsembleDenoiserTest {
    private static RgbImage random(String name, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[RgbImage.CHANNELS * h * w];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        return new RgbImage(name, h, w, x);
    }

    /** A direction-dependent "denoiser": each pixel takes its right neighbour's value (the last column keeps its own). */
    private static List<RgbImage> rightNeighbour(List<RgbImage> in) {
        List<RgbImage> out = new ArrayList<>();
        for (RgbImage n : in) {
            float[] y = new float[n.data().length];
            for (int c = 0; c < RgbImage.CHANNELS; c++)
                for (int i = 0; i < n.height(); i++)
                    for (int j = 0; j < n.width(); j++) y[(c * n.height() + i) * n.width() + j] = n.get(c, i, Math.min(j + 1, n.width() - 1));
            out.add(new RgbImage(n.name(), n.height(), n.width(), y));
        }
        return out;
    }

    @Test
    void averagesADirectionalFilterOverAllFourDirections() {
        // Turned and flipped, "take the right neighbour" becomes right, up, left and down, each twice: inside the
        // image the ensemble is the mean of the four neighbours.
        RgbImage x = random("x", 7, 10, 1);
        RgbImage e = new SelfEnsembleDenoiser(SelfEnsembleDenoiserTest::rightNeighbour).denoise(List.of(x)).get(0);
        assertEquals(7, e.height());
        assertEquals(10, e.width());
        for (int c = 0; c < RgbImage.CHANNELS; c++)
            for (int i = 1; i < 6; i++)
                for (int j = 1; j < 9; j++) {
                    float want = (x.get(c, i, j + 1) + x.get(c, i, j - 1) + x.get(c, i + 1, j) + x.get(c, i - 1, j)) / 4;
                    assertEquals(want, e.get(c, i, j), 1e-6f, "pixel " + c + "," + i + "," + j);
                }
    }

    @Test
    void identityStaysIdentityAndEveryImageOfABatchIsItsOwn() {
        RgbImage a = random("a", 6, 9, 2), b = random("b", 6, 9, 3);
        List<RgbImage> out = new SelfEnsembleDenoiser(in -> in).denoise(List.of(a, b));
        assertEquals("a", out.get(0).name());
        assertArrayEquals(a.data(), out.get(0).data(), 1e-6f);
        assertArrayEquals(b.data(), out.get(1).data(), 1e-6f);
    }

    @Test
    void theEnsembleOfARealModelIsEquivariantOnRectangularImages() {
        // Whatever the network, averaging over the group makes the result commute with every symmetry:
        // ensemble(T_k x) = T_k ensemble(x), up to the order of the float sum. Checked with an untrained wide-unet on
        // a 12x20 image (sides multiples of 4, so no one-sided padding breaks the symmetry).
        Backend be = new ReferenceBackend();
        Denoiser net = new ModuleDenoiser(new WideUNet(Context.of(be, DType.FLOAT32, 5), 8), be, DenoiserModels.sideMultiple("wide-unet"));
        SelfEnsembleDenoiser ensemble = new SelfEnsembleDenoiser(net);
        RgbImage x = random("x", 12, 20, 4);
        RgbImage e = ensemble.denoise(List.of(x)).get(0);
        assertFalse(java.util.Arrays.equals(e.data(), net.denoise(List.of(x)).get(0).data()), "the ensemble differs from one pass");
        for (int k = 1; k < Dihedral.COUNT; k++) {
            boolean swap = Dihedral.swapsSides(k);
            int h = swap ? 20 : 12, w = swap ? 12 : 20;
            RgbImage tx = new RgbImage("x", h, w, Dihedral.apply(x.data(), 3, 12, 20, k));
            float[] got = ensemble.denoise(List.of(tx)).get(0).data(), want = Dihedral.apply(e.data(), 3, 12, 20, k);
            assertArrayEquals(want, got, 1e-5f, "ensemble commutes with transform " + k);
        }
    }
}
