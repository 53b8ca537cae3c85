package io.cnn4j.backend.reference;

import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;

/**
 * Manual throughput check of the reference matmul (not a unit test, never run by Maven): prints GFLOP/s for
 * the shapes of the EE559 seed network (batch 32) and for 512³. Run with
 * {@code java -cp core/target/classes:backend-cpu-reference/target/classes:backend-cpu-reference/target/test-classes
 * io.cnn4j.backend.reference.MatmulBenchmark [seconds-per-case]}.
 */
public final class MatmulBenchmark {
    private MatmulBenchmark() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        ReferenceBackend b = new ReferenceBackend();
        System.out.println("cores=" + Runtime.getRuntime().availableProcessors());
        for (DType dt : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
            if (dt == DType.FLOAT64 && args.length > 1 && args[1].equals("f32")) break;
            run(b, dt, "conv2 fwd  W[256,256] x cols[32,256,64]", seconds, b.uniform(dt, 1, -1, 1, 256, 256), false, b.uniform(dt, 2, -1, 1, 32, 256, 64), false);
            run(b, dt, "batched    [32,256,256] x [32,256,64]", seconds, b.uniform(dt, 1, -1, 1, 32, 256, 256), false, b.uniform(dt, 2, -1, 1, 32, 256, 64), false);
            run(b, dt, "conv2 dX   W^T[256,256] x dY[32,256,64]", seconds, b.uniform(dt, 1, -1, 1, 256, 256), true, b.uniform(dt, 2, -1, 1, 32, 256, 64), false);
            run(b, dt, "conv2 dW   dY[32,256,64] x cols^T[32,256,64]", seconds, b.uniform(dt, 1, -1, 1, 32, 256, 64), false, b.uniform(dt, 2, -1, 1, 32, 256, 64), true);
            run(b, dt, "conv1 fwd  W[64,12] x cols[32,12,256]", seconds, b.uniform(dt, 1, -1, 1, 64, 12), false, b.uniform(dt, 2, -1, 1, 32, 12, 256), false);
            run(b, dt, "deconv2 W^T[12,64] x x[32,64,256]", seconds, b.uniform(dt, 1, -1, 1, 64, 12), true, b.uniform(dt, 2, -1, 1, 32, 64, 256), false);
            run(b, dt, "square     [512,512] x [512,512]", seconds, b.uniform(dt, 1, -1, 1, 512, 512), false, b.uniform(dt, 2, -1, 1, 512, 512), false);
            run(b, dt, "square     [512,512] x [512,512]^T", seconds, b.uniform(dt, 1, -1, 1, 512, 512), false, b.uniform(dt, 2, -1, 1, 512, 512), true);
        }
    }

    private static void run(ReferenceBackend b, DType dt, String label, double seconds, Tensor x, boolean tx, Tensor y, boolean ty) {
        Tensor c = b.matmul(x, tx, y, ty);
        int[] cs = c.shape();
        int[] xs = x.shape();
        long k = tx ? xs[xs.length - 2] : xs[xs.length - 1];
        double flops = 2.0 * c.numel() * k;
        long w0 = System.nanoTime();
        while (System.nanoTime() - w0 < seconds * 0.5e9) b.matmul(x, tx, y, ty); // warm-up (JIT)
        int reps = 0;
        long t0 = System.nanoTime();
        long best = Long.MAX_VALUE;
        while (System.nanoTime() - t0 < seconds * 1e9) {
            long s = System.nanoTime();
            b.matmul(x, tx, y, ty);
            best = Math.min(best, System.nanoTime() - s);
            reps++;
        }
        double mean = (System.nanoTime() - t0) / 1e9 / reps;
        System.out.printf("%s %-46s -> %s  mean %7.2f GFLOP/s  best %7.2f GFLOP/s  (%d reps)%n", dt, label, java.util.Arrays.toString(cs),
                flops / mean / 1e9, flops / (best / 1e9) / 1e9, reps);
    }
}
