package io.cnn4j.examples.imaging;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The eight symmetries of the square, against torch.rot90/torch.flip and the group's own laws. */
class DihedralTest {
    private static float[] random(int channels, int side, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[channels * side * side];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        return x;
    }

    @Test
    void matchesTorchRot90AndFlipOnA3x3Image() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        // torch.rot90(x, k, [-2, -1]) for k = 0..3, then the same after torch.flip(x, [-1]), printed by PyTorch 1.13.
        List<float[]> torch = List.of(
                new float[]{1, 2, 3, 4, 5, 6, 7, 8, 9}, new float[]{3, 6, 9, 2, 5, 8, 1, 4, 7},
                new float[]{9, 8, 7, 6, 5, 4, 3, 2, 1}, new float[]{7, 4, 1, 8, 5, 2, 9, 6, 3},
                new float[]{3, 2, 1, 6, 5, 4, 9, 8, 7}, new float[]{1, 4, 7, 2, 5, 8, 3, 6, 9},
                new float[]{7, 8, 9, 4, 5, 6, 1, 2, 3}, new float[]{9, 6, 3, 8, 5, 2, 7, 4, 1});
        for (int k = 0; k < Dihedral.COUNT; k++) assertArrayEquals(torch.get(k), Dihedral.apply(x, 1, 3, k), "transform " + k);
    }

    @Test
    void eachTransformPermutesPixelsWithinTheirChannelAndAllEightDiffer() {
        int c = 3, side = 6, plane = side * side;
        float[] x = random(c, side, 7);
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < Dihedral.COUNT; k++) {
            float[] y = Dihedral.apply(x, c, side, k);
            for (int ch = 0; ch < c; ch++) {
                float[] a = Arrays.copyOfRange(x, ch * plane, (ch + 1) * plane), b = Arrays.copyOfRange(y, ch * plane, (ch + 1) * plane);
                Arrays.sort(a);
                Arrays.sort(b);
                assertArrayEquals(a, b, "channel " + ch + " of transform " + k + " is a permutation of the input channel");
            }
            seen.add(Arrays.toString(y));
        }
        assertEquals(Dihedral.COUNT, seen.size(), "the eight transforms of a generic image are distinct");
    }

    @Test
    void rotationHasOrderFourAndFlipsAreInvolutions() {
        float[] x = random(2, 5, 3);
        float[] y = x;
        for (int i = 0; i < 4; i++) y = Dihedral.apply(y, 2, 5, 1);
        assertArrayEquals(x, y, "four quarter turns are the identity");
        for (int k = 4; k < Dihedral.COUNT; k++)
            assertArrayEquals(x, Dihedral.apply(Dihedral.apply(x, 2, 5, k), 2, 5, k), "reflection " + k + " applied twice is the identity");
        assertArrayEquals(x, Dihedral.apply(x, 2, 5, 0));
        assertNotSame(x, Dihedral.apply(x, 2, 5, 0), "a new array, never the input");
    }

    @Test
    void matchesTorchRot90AndFlipOnA2x3Image() {
        float[] x = {1, 2, 3, 4, 5, 6};
        // torch.rot90(torch.flip(x, [-1]) if k >= 4 else x, k % 4, [-2, -1]) on a 1x2x3 image, printed by PyTorch 1.13;
        // odd k gives a 3x2 result.
        List<float[]> torch = List.of(
                new float[]{1, 2, 3, 4, 5, 6}, new float[]{3, 6, 2, 5, 1, 4}, new float[]{6, 5, 4, 3, 2, 1}, new float[]{4, 1, 5, 2, 6, 3},
                new float[]{3, 2, 1, 6, 5, 4}, new float[]{1, 4, 2, 5, 3, 6}, new float[]{4, 5, 6, 1, 2, 3}, new float[]{6, 3, 5, 2, 4, 1});
        for (int k = 0; k < Dihedral.COUNT; k++) {
            assertArrayEquals(torch.get(k), Dihedral.apply(x, 1, 2, 3, k), "transform " + k);
            assertEquals(k % 2 == 1, Dihedral.swapsSides(k), "transform " + k + " swaps the sides");
        }
    }

    @Test
    void inverseUndoesEachTransformOnRectangles() {
        int c = 3, h = 5, w = 8;
        float[] x = new float[c * h * w];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        for (int k = 0; k < Dihedral.COUNT; k++) {
            float[] y = Dihedral.apply(x, c, h, w, k);
            int yh = Dihedral.swapsSides(k) ? w : h, yw = Dihedral.swapsSides(k) ? h : w;
            assertArrayEquals(x, Dihedral.apply(y, c, yh, yw, Dihedral.inverse(k)), "inverse of transform " + k);
            if (k != 0) assertFalse(Arrays.equals(x, y), "transform " + k + " moves a generic image");
        }
        // On square images the rectangular transforms are the square ones.
        float[] sq = random(2, 4, 5);
        for (int k = 0; k < Dihedral.COUNT; k++) assertArrayEquals(Dihedral.apply(sq, 2, 4, k), Dihedral.apply(sq, 2, 4, 4, k));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Dihedral.inverse(-1));
        assertThrows(IllegalArgumentException.class, () -> Dihedral.swapsSides(8));
        assertThrows(IllegalArgumentException.class, () -> Dihedral.apply(new float[6], 1, 3, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> Dihedral.apply(new float[9], 1, 3, 8));
        assertThrows(IllegalArgumentException.class, () -> Dihedral.apply(new float[8], 1, 3, 1));
    }
}
