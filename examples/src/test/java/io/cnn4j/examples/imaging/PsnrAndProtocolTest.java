package io.cnn4j.examples.imaging;

import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.denoise.EvaluationProtocol;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PsnrAndProtocolTest {
    static RgbImage constant(String name, int h, int w, float v) {
        float[] d = new float[3 * h * w];
        Arrays.fill(d, v);
        return new RgbImage(name, h, w, d);
    }

    @Test
    void psnrOfAConstantErrorIsKnownAndEstimateIsClipped() {
        RgbImage ref = constant("r", 4, 4, 0.5f);
        // error 0.1 everywhere: MSE 0.01 -> 20 dB
        assertEquals(20.0, Psnr.psnr(constant("e", 4, 4, 0.6f), ref), 1e-5);
        // 1.5 is clipped to 1.0: error 0.5, MSE 0.25 -> 10*log10(4) dB
        assertEquals(10 * Math.log10(4), Psnr.psnr(constant("e", 4, 4, 1.5f), ref), 1e-6);
        assertEquals(Double.POSITIVE_INFINITY, Psnr.psnr(ref, ref));
    }

    @Test
    void noiseIsSeededUnclippedAndHasTheRequestedSigma() {
        RgbImage clean = constant("c", 64, 64, 0.98f);
        RgbImage a = GaussianNoise.noisy(clean, 25 / 255.0, 7), b = GaussianNoise.noisy(clean, 25 / 255.0, 7);
        assertArrayEquals(a.data(), b.data());
        assertFalse(Arrays.equals(a.data(), GaussianNoise.noisy(clean, 25 / 255.0, 8).data()));
        double sum = 0, sq = 0, max = 0;
        for (int i = 0; i < a.data().length; i++) {
            double n = a.data()[i] - 0.98;
            sum += n;
            sq += n * n;
            max = Math.max(max, a.data()[i]);
        }
        int n = a.data().length;
        double std = Math.sqrt(sq / n - (sum / n) * (sum / n));
        assertEquals(25 / 255.0, std, 0.03 * 25 / 255.0);
        assertTrue(max > 1.0, "noisy values must not be clipped");
    }

    @Test
    void protocolOnIdentityDenoiserScoresTheNoisyInputAndCountsTiles() {
        // 70x40 image: 2x1 full tiles (the 6- and 8-pixel remainders are dropped).
        RgbImage clean = constant("c", 40, 70, 0.5f);
        EvaluationProtocol p = new EvaluationProtocol(0.1, 3);
        List<Integer> batchSizes = new ArrayList<>();
        EvaluationProtocol.Result r = p.evaluate(List.of(clean), imgs -> { batchSizes.add(imgs.size()); return imgs; });
        assertEquals(2, r.tileCount());
        assertEquals(List.of(1, 2), batchSizes);
        // Identity output = noisy input: full PSNR equals the noisy PSNR (clipping a value 0.5 ± small noise changes nothing
        // except rare >|5 sigma| draws, none at this size with this seed).
        assertEquals(r.meanPsnrNoisy(), r.meanPsnrFull(), 1e-12);
        assertEquals(20.0, r.meanPsnrFull(), 0.3); // sigma 0.1 -> about 20 dB
        // The tiles are cut from the same noisy draw as the full image.
        RgbImage noisy = p.noisy(clean, 0);
        double t0 = Psnr.psnr(noisy.crop(0, 0, 32, 32), clean.crop(0, 0, 32, 32));
        double t1 = Psnr.psnr(noisy.crop(0, 32, 32, 32), clean.crop(0, 32, 32, 32));
        assertEquals((t0 + t1) / 2, r.meanPsnrTiles(), 1e-12);
    }

    @Test
    void perfectDenoiserOnKnownCaseAndMeanIsPerImage() {
        RgbImage a = constant("a", 32, 32, 0.2f), b = constant("b", 32, 32, 0.7f);
        EvaluationProtocol p = new EvaluationProtocol(25 / 255.0, 0);
        // A "denoiser" that returns the clean image + 0.1 for image a and + 0.01 for image b: PSNRs 20 and 40 dB, mean 30.
        EvaluationProtocol.Result r = p.evaluate(List.of(a, b), imgs -> imgs.stream().map(n -> {
            boolean isA = n.name().startsWith("a");
            return constant(n.name(), n.height(), n.width(), isA ? 0.3f : 0.71f);
        }).toList());
        assertEquals(20.0, r.images().get(0).psnrFull(), 1e-4);
        assertEquals(40.0, r.images().get(1).psnrFull(), 1e-3);
        assertEquals(30.0, r.meanPsnrFull(), 1e-3);
        assertEquals(30.0, r.meanPsnrTiles(), 1e-3);
    }
}
