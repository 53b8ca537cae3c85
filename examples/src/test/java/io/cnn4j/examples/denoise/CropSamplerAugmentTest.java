package io.cnn4j.examples.denoise;

import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.imaging.Dihedral;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Dihedral augmentation in {@link CropSampler}: each augmented crop is one of the eight symmetries of the crop the
 * sampler draws without augmentation (same positions and the same noise values), so per-channel statistics are
 * unchanged; the eight transforms are equally likely; the noise keeps its mean 0 and standard deviation sigma.
 */
class CropSamplerAugmentTest {
    static final int CROP = 8, PLANE = CROP * CROP, SAMPLE = 3 * PLANE;

    private static List<RgbImage> images() {
        SplittableRandom r = new SplittableRandom(5);
        float[] a = new float[3 * 20 * 24], b = new float[3 * 16 * 16];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble();
        return List.of(new RgbImage("a", 20, 24, a), new RgbImage("b", 16, 16, b));
    }

    private static int whichTransform(float[] plain, float[] augmented) {
        for (int k = 0; k < Dihedral.COUNT; k++) if (Arrays.equals(Dihedral.apply(plain, 3, CROP, k), augmented)) return k;
        return -1;
    }

    @Test
    void augmentedCropsAreSymmetriesOfThePlainCropsWithTheSameStatisticsAndUniformTransforms() {
        CropSampler plain = new CropSampler(images(), CROP, 0.1, false, false, 11);
        CropSampler augmented = new CropSampler(images(), CROP, 0.1, false, true, 11);
        int[] counts = new int[Dihedral.COUNT];
        int n = 0;
        for (long step = 0; step < 250; step++) {
            CropSampler.Batch p = plain.batch(step, 16), a = augmented.batch(step, 16);
            for (int i = 0; i < 16; i++, n++) {
                float[] pt = Arrays.copyOfRange(p.target(), i * SAMPLE, (i + 1) * SAMPLE), at = Arrays.copyOfRange(a.target(), i * SAMPLE, (i + 1) * SAMPLE);
                int k = whichTransform(pt, at);
                assertTrue(k >= 0, "crop " + i + " of step " + step + " is not a symmetry of the plain crop");
                counts[k]++;
                for (int j = i * SAMPLE; j < (i + 1) * SAMPLE; j++)
                    assertEquals(p.input()[j] - p.target()[j], a.input()[j] - a.target()[j], 1e-6, "the same noise value");
                for (int c = 0; c < 3; c++) {
                    double[] ps = meanVar(pt, c * PLANE, PLANE), as = meanVar(at, c * PLANE, PLANE);
                    assertEquals(ps[0], as[0], 1e-6, "channel mean");
                    assertEquals(ps[1], as[1], 1e-6, "channel variance");
                }
            }
        }
        // Each transform with probability 1/8: counts within 5 standard deviations of n/8 (n = 4,000).
        double expected = n / 8.0, sd = Math.sqrt(n * (1 / 8.0) * (7 / 8.0));
        for (int k = 0; k < Dihedral.COUNT; k++)
            assertEquals(expected, counts[k], 5 * sd, "transform " + k + " drawn " + counts[k] + " times of " + n + ": " + Arrays.toString(counts));
    }

    @Test
    void noiseOnAugmentedCropsHasMeanZeroAndStandardDeviationSigma() {
        CropSampler s = new CropSampler(images(), CROP, 0.1, false, true, 3);
        double sum = 0, sq = 0;
        long count = 0;
        for (long step = 0; step < 100; step++) {
            CropSampler.Batch b = s.batch(step, 16);
            for (int i = 0; i < b.input().length; i++) {
                double d = b.input()[i] - b.target()[i];
                sum += d;
                sq += d * d;
                count++;
            }
        }
        double mean = sum / count, sd = Math.sqrt(sq / count - mean * mean);
        assertEquals(0.0, mean, 5 * 0.1 / Math.sqrt(count), "noise mean");
        assertEquals(0.1, sd, 0.002, "noise standard deviation");
    }

    private static double[] meanVar(float[] x, int from, int len) {
        double m = 0, v = 0;
        for (int i = from; i < from + len; i++) m += x[i];
        m /= len;
        for (int i = from; i < from + len; i++) v += (x[i] - m) * (x[i] - m);
        return new double[]{m, v / len};
    }
}
