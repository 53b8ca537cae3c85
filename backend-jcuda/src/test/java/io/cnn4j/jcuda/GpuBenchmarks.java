package io.cnn4j.jcuda;

import io.cnn4j.backend.Availability;
import io.cnn4j.loss.MSELoss;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Sequential;
import io.cnn4j.optim.SGD;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * GPU benchmarks of the jcuda backend, run by {@code gpu-bundle/run-on-gpu.sh} (a main, not a test):
 * <ul>
 *   <li>{@code sgemm OUT.json}: our float32 matmul at 4096³, GFLOP/s (median of 10 after 3 warm-ups), with a
 *       spot check of 64 entries against a double-precision host dot product.</li>
 *   <li>{@code seed BATCH OUT.json}: seconds per epoch of the EE559 seed network (the project's layers, MSE,
 *       SGD lr 0.1) over 50,000 device-resident synthetic 3×32×32 images, one MemoryScope per step,
 *       after a 50-step warm-up; the last partial batch is included, as a PyTorch DataLoader would.</li>
 * </ul>
 * {@code -Dcnn4j.bench.sgemmSize=N} and {@code -Dcnn4j.bench.seedImages=N} shrink both for a rehearsal of the
 * device call on the emulated driver ({@code CNN4J_GPU_REHEARSAL=1 run-on-gpu.sh}); reported figures use the defaults.
 */
public final class GpuBenchmarks {
    private GpuBenchmarks() {}

    public static void main(String[] args) throws IOException {
        Availability a = new JCudaBackendProvider().availability();
        if (!a.available()) {
            System.err.println("jcuda unavailable: " + a.reason());
            System.exit(2);
        }
        JCudaBackend gpu = (JCudaBackend) new JCudaBackendProvider().create();
        System.out.println(gpu.deviceDescription());
        switch (args[0]) {
            case "sgemm": sgemm(gpu, Path.of(args[1])); break;
            case "sgemm-variants":
                for (String t : new String[] {"big", "big1", "big2"}) {
                    System.setProperty("cnn4j.jcuda.matmulTiles", t);
                    System.out.print("tiles=" + t + ": ");
                    sgemm(gpu, Path.of(args[1] + "." + t));
                }
                break;
            case "seed": seed(gpu, Integer.parseInt(args[1]), Path.of(args[2])); break;
            default: throw new IllegalArgumentException("usage: GpuBenchmarks sgemm OUT.json | seed BATCH OUT.json");
        }
    }

    static void sgemm(JCudaBackend gpu, Path out) throws IOException {
        int n = Integer.getInteger("cnn4j.bench.sgemmSize", 4096);
        float[] ha = random(n * n, 1), hb = random(n * n, 2);
        Tensor a = gpu.fromArray(ha, n, n), b = gpu.fromArray(hb, n, n);
        for (int i = 0; i < 3; i++) gpu.matmul(a, false, b, false).close();
        gpu.synchronize();
        double[] times = new double[10];
        Tensor c = null;
        for (int r = 0; r < times.length; r++) {
            if (c != null) c.close();
            long t0 = System.nanoTime();
            c = gpu.matmul(a, false, b, false);
            gpu.synchronize();
            times[r] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(times);
        double sec = times[times.length / 2];
        double gflops = 2.0 * n * n * n / sec / 1e9;
        float[] hc = c.toFloatArray();
        SplittableRandom r = new SplittableRandom(3);
        double worst = 0;
        for (int s = 0; s < 64; s++) {
            int i = r.nextInt(n), j = r.nextInt(n);
            double dot = 0, mag = 0;
            for (int k = 0; k < n; k++) {
                dot += (double) ha[i * n + k] * hb[k * n + j];
                mag += Math.abs((double) ha[i * n + k] * hb[k * n + j]);
            }
            worst = Math.max(worst, Math.abs(hc[i * n + j] - dot) / mag);
        }
        String json = String.format(Locale.ROOT, "{\"n\": %d, \"median_s\": %.6f, \"gflops\": %.1f, \"max_rel_err_vs_host\": %.3e}", n, sec, gflops, worst);
        Files.writeString(out, json + "\n");
        System.out.printf(Locale.ROOT, "jcuda sgemm %d^3 fp32: %.0f GFLOP/s (median %.2f ms), spot-check max relative error %.2e%n", n, gflops, sec * 1e3, worst);
        if (worst > 1e-4) throw new AssertionError("sgemm result wrong: relative error " + worst);
    }

    static void seed(JCudaBackend gpu, int batch, Path out) throws IOException {
        int images = Integer.getInteger("cnn4j.bench.seedImages", 50_000);
        Tensor noisy = gpu.fromArray(random(images * 3 * 32 * 32, 1), images, 3, 32, 32);
        Tensor clean = gpu.fromArray(random(images * 3 * 32 * 32, 2), images, 3, 32, 32);
        Sequential net = DeviceMemoryFlatTest.seedNetwork(Context.of(gpu, DType.FLOAT32, 42));
        SGD sgd = new SGD(net.namedParameters(), 0.1);
        MSELoss mse = new MSELoss();
        epoch(gpu, net, sgd, mse, noisy, clean, batch, 50); // warm-up: JIT, kernel JIT cache, pool
        gpu.synchronize();
        long t0 = System.nanoTime();
        double loss = epoch(gpu, net, sgd, mse, noisy, clean, batch, Integer.MAX_VALUE);
        double sec = (System.nanoTime() - t0) / 1e9;
        String json = String.format(Locale.ROOT, "{\"batch\": %d, \"images\": %d, \"s_per_epoch\": %.3f, \"images_per_s\": %.0f, \"final_loss\": %.6f, "
                + "\"device_bytes_in_use\": %d, \"cuMemAlloc_calls\": %d}", batch, images, sec, images / sec, loss, gpu.deviceBytesInUse(), gpu.deviceAllocations());
        Files.writeString(out, json + "\n");
        System.out.printf(Locale.ROOT, "jcuda seed net batch %d: %.2f s/epoch (%.0f images/s), final loss %.5f%n", batch, sec, images / sec, loss);
    }

    /** One pass over the data (at most {@code limit} steps); returns the last loss (read once, at the end). */
    private static double epoch(JCudaBackend gpu, Sequential net, SGD sgd, MSELoss mse, Tensor noisy, Tensor clean, int batch, int limit) {
        int images = noisy.dim(0);
        Tensor last = null;
        int step = 0;
        for (int start = 0; start < images && step < limit; start += batch, step++) {
            int b = Math.min(batch, images - start);
            try (MemoryScope s = gpu.scope()) {
                if (last != null) last.close();
                Tensor x = gpu.slice(noisy, 0, start, b), t = gpu.slice(clean, 0, start, b);
                net.zeroGrad();
                Tensor loss = mse.forward(net.forward(x), t);
                net.backward(mse.backward());
                sgd.step();
                last = s.keep(loss);
            }
        }
        double v = last.item();
        last.close();
        return v;
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) r.nextDouble();
        return f;
    }
}
