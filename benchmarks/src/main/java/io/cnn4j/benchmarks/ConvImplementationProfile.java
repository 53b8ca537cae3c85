package io.cnn4j.benchmarks;

import io.cnn4j.backend.nd4j.Nd4jBackend;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * CPU time of one convolution layer's forward + backward (batch 32, float32) for each of the nd4j backend's
 * convolution implementations, on the layer shapes of the {@code unet} and {@code seed} models: the evidence behind
 * the convolution chooser and the oneDNN natives default (docs/performance.md).
 *
 * <p>Measures the process's CPU time (all threads), so figures compare the work each implementation does and are
 * far less disturbed by other load on the machine than wall-clock times; run single-threaded
 * ({@code OMP_NUM_THREADS=1 -Dcnn4j.nd4j.threads=1}) for per-core figures. Each figure is the best of 3 blocks of 20
 * calls, after one warm-up block.
 *
 * <pre>OMP_NUM_THREADS=1 java -Dcnn4j.nd4j.threads=1 -cp ... io.cnn4j.benchmarks.ConvImplementationProfile</pre>
 */
public final class ConvImplementationProfile {
    private ConvImplementationProfile() {}

    private static final String[] POLICIES = {"gemm", "batched-gemm", "libnd4j"};

    /** name, in, out, input side, kernel, stride, padding, transposed. */
    private static final Object[][] LAYERS = {
            {"unet enc1a", 3, 16, 32, 3, 1, 1, false}, {"unet enc1b/dec1", 16, 16, 32, 3, 1, 1, false},
            {"unet down1", 16, 32, 32, 2, 2, 0, false}, {"unet enc2/dec2", 32, 32, 16, 3, 1, 1, false},
            {"unet down2", 32, 64, 16, 2, 2, 0, false}, {"unet mid1/mid2", 64, 64, 8, 3, 1, 1, false},
            {"unet up2 (T)", 64, 32, 8, 2, 2, 0, true}, {"unet up1 (T)", 32, 16, 16, 2, 2, 0, true},
            {"unet out 1x1", 16, 3, 32, 1, 1, 0, false},
            {"seed 0", 3, 64, 32, 2, 2, 0, false}, {"seed 2", 64, 256, 16, 2, 2, 0, false},
            {"seed 4 (T)", 256, 64, 8, 2, 2, 0, true}, {"seed 6 (T)", 64, 3, 16, 2, 2, 0, true}};

    public static void main(String[] args) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Backend[] backends = new Backend[POLICIES.length];
        for (int i = 0; i < POLICIES.length; i++) {
            System.setProperty("cnn4j.nd4j.convolution", POLICIES[i]);
            backends[i] = new Nd4jBackend();
        }
        System.clearProperty("cnn4j.nd4j.convolution");
        int n = 32, inner = 20;
        System.out.printf(Locale.ROOT, "%-16s %18s %18s %18s   (CPU ms per forward+backward, GFLOP/s)%n", "layer", POLICIES[0], POLICIES[1], POLICIES[2]);
        for (Object[] l : LAYERS) {
            int in = (int) l[1], out = (int) l[2], h = (int) l[3], k = (int) l[4], s = (int) l[5], p = (int) l[6];
            boolean transposed = (boolean) l[7];
            ConvGeometry g = ConvGeometry.square(k, s, p, 1);
            int oh = transposed ? (h - 1) * s - 2 * p + k : g.outH(h);
            double flops = 3.0 * 2 * n * (double) out * in * k * k * (transposed ? h * h : oh * oh);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-16s", l[0]));
            for (Backend b : backends) {
                Tensor x = b.uniform(DType.FLOAT32, 1, -1, 1, n, in, h, h);
                Tensor w = transposed ? b.uniform(DType.FLOAT32, 2, -1, 1, in, out, k, k) : b.uniform(DType.FLOAT32, 2, -1, 1, out, in, k, k);
                Tensor bias = b.uniform(DType.FLOAT32, 3, -1, 1, out);
                Tensor dY = b.uniform(DType.FLOAT32, 4, -1, 1, n, out, oh, oh);
                double best = Double.MAX_VALUE;
                for (int block = 0; block < 4; block++) {
                    long c0 = os.getProcessCpuTime();
                    for (int q = 0; q < inner; q++) {
                        try (MemoryScope scope = b.scope()) {
                            if (transposed) {
                                b.convTranspose2d(x, w, bias, g, oh, oh);
                                b.convTranspose2dBackward(dY, x, w, g, true);
                            } else {
                                b.conv2d(x, w, bias, g);
                                b.conv2dBackward(dY, x, w, g, true);
                            }
                        }
                    }
                    double ms = (os.getProcessCpuTime() - c0) / 1e6 / inner;
                    if (block > 0) best = Math.min(best, ms);
                }
                line.append(String.format(Locale.ROOT, " %8.2f (%6.1f)", best, flops / best / 1e6));
            }
            System.out.println(line);
        }
    }
}
