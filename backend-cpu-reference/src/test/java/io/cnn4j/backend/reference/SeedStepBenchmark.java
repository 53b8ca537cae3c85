package io.cnn4j.backend.reference;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Manual estimate (not a unit test, never run by Maven) of one SGD training step of the EE559 seed network
 * (Conv2d 3→64 k2s2, Conv2d 64→256 k2s2, ConvTranspose2d 256→64 k2s2, ConvTranspose2d 64→3 k2s2, ReLU,
 * Sigmoid, MSE; batch 32, 3×32×32, float32) written directly with backend primitives the way the layers use
 * them (im2col + matmul), with the time per primitive. The real layers live elsewhere; this isolates the backend.
 * Run: {@code java -cp core/target/classes:backend-cpu-reference/target/classes:backend-cpu-reference/target/test-classes
 * io.cnn4j.backend.reference.SeedStepBenchmark [steps]}.
 */
public final class SeedStepBenchmark {
    private SeedStepBenchmark() {}

    private static final Map<String, Long> TIME = new LinkedHashMap<>();
    private static final Map<String, Long> CPU = new LinkedHashMap<>();
    private static boolean timing;

    private static <T> T t(String op, Supplier<T> f) {
        long s = System.nanoTime(), c = processCpuNanos();
        T r = f.get();
        if (timing) {
            TIME.merge(op, System.nanoTime() - s, Long::sum);
            CPU.merge(op, processCpuNanos() - c, Long::sum);
        }
        return r;
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        ReferenceBackend b = new ReferenceBackend();
        DType f = DType.FLOAT32;
        int n = 32;
        ConvGeometry g = ConvGeometry.square(2, 2, 0, 1);
        Tensor x = b.uniform(f, 1, 0, 1, n, 3, 32, 32);
        Tensor w1 = b.uniform(f, 2, -0.3, 0.3, 64, 12), b1 = b.zeros(f, 1, 64, 1, 1);
        Tensor w2 = b.uniform(f, 3, -0.06, 0.06, 256, 256), b2 = b.zeros(f, 1, 256, 1, 1);
        Tensor w3 = b.uniform(f, 4, -0.06, 0.06, 256, 256), b3 = b.zeros(f, 1, 64, 1, 1);   // ConvT weight [256, 64·2·2]
        Tensor w4 = b.uniform(f, 5, -0.1, 0.1, 64, 12), b4 = b.zeros(f, 1, 3, 1, 1);         // ConvT weight [64, 3·2·2]
        Tensor[] params = {w1, b1, w2, b2, w3, b3, w4, b4};
        long cpuStart = 0;
        for (int s = 0; s < steps + 5; s++) {
            timing = s >= 5;
            if (s == 5) cpuStart = processCpuNanos();
            long t0 = System.nanoTime();
            // forward
            Tensor c1 = t("unfold", () -> b.unfold(x, g, 0));
            Tensor m1 = t("matmul", () -> b.matmul(w1, false, c1, false)).reshape(n, 64, 16, 16);
            Tensor z1 = t("bias add", () -> b.binary(BinaryOp.ADD, m1, b1));
            Tensor a1 = t("unary", () -> b.unary(UnaryOp.RELU, z1));
            Tensor c2 = t("unfold", () -> b.unfold(a1, g, 0));
            Tensor m2 = t("matmul", () -> b.matmul(w2, false, c2, false)).reshape(n, 256, 8, 8);
            Tensor z2 = t("bias add", () -> b.binary(BinaryOp.ADD, m2, b2));
            Tensor a2 = t("unary", () -> b.unary(UnaryOp.RELU, z2));
            Tensor c3 = t("matmul", () -> b.matmul(w3, true, a2.reshape(n, 256, 64), false));
            Tensor f3 = t("fold", () -> b.fold(c3, g, 16, 16));
            Tensor z3 = t("bias add", () -> b.binary(BinaryOp.ADD, f3, b3));
            Tensor a3 = t("unary", () -> b.unary(UnaryOp.RELU, z3));
            Tensor c4 = t("matmul", () -> b.matmul(w4, true, a3.reshape(n, 64, 256), false));
            Tensor f4 = t("fold", () -> b.fold(c4, g, 32, 32));
            Tensor z4 = t("bias add", () -> b.binary(BinaryOp.ADD, f4, b4));
            Tensor y = t("unary", () -> b.unary(UnaryOp.SIGMOID, z4));
            Tensor diff = t("binary", () -> b.binary(BinaryOp.SUB, y, x));
            Tensor sq = t("unary", () -> b.unary(UnaryOp.SQUARE, diff));
            t("sum", () -> b.sum(sq, new int[]{0, 1, 2, 3}, false));
            // backward
            Tensor dy = t("binary", () -> b.binary(BinaryOp.MUL, diff, 2.0 / diff.numel()));
            Tensor oneMinusY = t("binary", () -> b.binary(BinaryOp.ADD, b.unary(UnaryOp.NEG, y), 1.0));
            Tensor dsig = t("binary", () -> b.binary(BinaryOp.MUL, y, oneMinusY));
            Tensor dz4 = t("binary", () -> b.binary(BinaryOp.MUL, dy, dsig));
            Tensor db4 = t("sum", () -> b.sum(dz4, new int[]{0, 2, 3}, true));
            Tensor dc4 = t("unfold", () -> b.unfold(dz4, g, 0));                                     // [n, 12, 256]
            Tensor dw4b = t("matmul", () -> b.matmul(a3.reshape(n, 64, 256), false, dc4, true));
            Tensor dw4 = t("sum", () -> b.sum(dw4b, new int[]{0}, false));
            Tensor da3 = t("matmul", () -> b.matmul(w4, false, dc4, false)).reshape(n, 64, 16, 16);
            Tensor mask3 = t("relu mask", () -> b.binary(BinaryOp.GT, a3, 0.0));
            Tensor dz3 = t("mask mul", () -> b.binary(BinaryOp.MUL, da3, mask3));
            Tensor db3 = t("sum", () -> b.sum(dz3, new int[]{0, 2, 3}, true));
            Tensor dc3 = t("unfold", () -> b.unfold(dz3, g, 0));                                     // [n, 256, 64]
            Tensor dw3b = t("matmul", () -> b.matmul(a2.reshape(n, 256, 64), false, dc3, true));
            Tensor dw3 = t("sum", () -> b.sum(dw3b, new int[]{0}, false));
            Tensor da2 = t("matmul", () -> b.matmul(w3, false, dc3, false)).reshape(n, 256, 8, 8);
            Tensor mask2 = t("relu mask", () -> b.binary(BinaryOp.GT, a2, 0.0));
            Tensor dz2 = t("mask mul", () -> b.binary(BinaryOp.MUL, da2, mask2));
            Tensor db2 = t("sum", () -> b.sum(dz2, new int[]{0, 2, 3}, true));
            Tensor g2 = dz2.reshape(n, 256, 64);
            Tensor dw2b = t("matmul", () -> b.matmul(g2, false, c2, true));
            Tensor dw2 = t("sum", () -> b.sum(dw2b, new int[]{0}, false));
            Tensor dc2 = t("matmul", () -> b.matmul(w2, true, g2, false));
            Tensor da1 = t("fold", () -> b.fold(dc2, g, 16, 16));
            Tensor mask1 = t("relu mask", () -> b.binary(BinaryOp.GT, a1, 0.0));
            Tensor dz1 = t("mask mul", () -> b.binary(BinaryOp.MUL, da1, mask1));
            Tensor db1 = t("sum", () -> b.sum(dz1, new int[]{0, 2, 3}, true));
            Tensor dw1b = t("matmul", () -> b.matmul(dz1.reshape(n, 64, 256), false, c1, true));
            Tensor dw1 = t("sum", () -> b.sum(dw1b, new int[]{0}, false));
            Tensor[] grads = {dw1, db1, dw2, db2, dw3, db3, dw4, db4};
            for (int i = 0; i < params.length; i++) {
                Tensor p = params[i], gr = grads[i];
                t("axpy", () -> { b.axpy(-0.01, gr.reshape(p.shape()), p); return null; });
            }
            if (timing) TIME.merge("STEP", System.nanoTime() - t0, Long::sum);
        }
        double stepMs = TIME.get("STEP") / 1e6 / steps;
        double cpuMs = (processCpuNanos() - cpuStart) / 1e6 / steps;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("step %.1f ms wall -> %.0f images/s; %.1f ms CPU per step -> %.0f images/s if %d cores were free (batch %d, %d steps)%n",
                stepMs, n * 1000 / stepMs, cpuMs, n * 1000 / (cpuMs / cores), cores, n, steps);
        TIME.forEach((k, v) -> { if (!k.equals("STEP")) System.out.printf("  %-10s wall %7.2f ms/step   CPU %7.2f ms/step%n", k, v / 1e6 / steps, CPU.get(k) / 1e6 / steps); });
    }
}
