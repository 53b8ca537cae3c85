package io.cnn4j.benchmarks.peers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Training throughput of the project's three networks in DJL 0.32 on its PyTorch engine (libtorch 2.5.1, CPU),
 * the same way {@code cnn4j bench} and the PyTorch peer scripts measure it: batch 32 of 3×32×32 float32 images, one
 * fixed random batch and target, a training step = zero the gradients, forward, MSE loss, backward, optimizer step,
 * and read the loss back; warm-up steps, then the median images/s of several timed repetitions.
 *
 * <ul>
 *   <li>{@code seed}: Conv2d(3,64,k2,s2)-ReLU-Conv2d(64,256,k2,s2)-ReLU-ConvTranspose2d(256,64,k2,s2)-ReLU-
 *       ConvTranspose2d(64,3,k2,s2)-Sigmoid, SGD lr 0.01.</li>
 *   <li>{@code unet} (width 16) and {@code wide-unet} (width 32): the project's U-Nets (additive skips, global
 *       residual), Adam lr 1e-3.</li>
 * </ul>
 *
 * <p>DJL's PyTorch engine has no transposed convolution; every ConvTranspose2d(k=2, s=2) runs as
 * {@link StrideKernelConvTranspose} (a matmul plus a pixel shuffle, the same FLOPs), which is checked against its
 * direct definition before the benchmark. Operations run through DJL's NDArray API and libtorch autograd; the
 * optimizers are DJL's.
 *
 * <p>Usage: {@code DjlPeer MODEL THREADS [STEPS [REPEATS [WARMUP]]]}. THREADS sets libtorch's intra-op threads
 * ({@code ai.djl.pytorch.num_threads}; one inter-op thread). Prints one line
 * {@code RESULT peer=djl-pytorch-2.5.1 model=... threads=... train_images_per_s=... loadavg=...}.
 * Runs offline: libtorch is unpacked from the {@code pytorch-native-cpu} jar on the class path into
 * {@code DJL_CACHE_DIR} (default: {@code target/djl-cache} next to these classes).
 */
public final class DjlPeer {
    static final int BATCH = 32;
    static final String PEER = "djl-pytorch-2.5.1";

    private DjlPeer() {}

    /** A trainable parameter: DJL optimizers keep their state per id. */
    record Param(String id, NDArray value) {}

    /** A network as a list of parameters and a forward function built from DJL operations. */
    static final class Net {
        final List<Param> params = new ArrayList<>();
        private final NDManager manager;
        private final Random rnd;

        Net(NDManager manager, long seed) {
            this.manager = manager;
            this.rnd = new Random(seed);
        }

        /** PyTorch's default initialisation: uniform in ±1/sqrt(fan_in). */
        NDArray param(String id, Shape shape, long fanIn) {
            float bound = (float) (1.0 / Math.sqrt(fanIn));
            float[] v = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < v.length; i++) v[i] = (rnd.nextFloat() * 2 - 1) * bound;
            NDArray a = manager.create(v, shape);
            a.setRequiresGradient(true);
            params.add(new Param(id, a));
            return a;
        }

        UnaryOperator<NDArray> conv(String name, int cin, int cout, int k, int stride, int pad) {
            NDArray w = param(name + ".weight", new Shape(cout, cin, k, k), (long) cin * k * k);
            NDArray b = param(name + ".bias", new Shape(cout), (long) cin * k * k);
            Shape s = new Shape(stride, stride), p = new Shape(pad, pad), d = new Shape(1, 1);
            return x -> Conv2d.conv2d(x, w, b, s, p, d, 1).singletonOrThrow();
        }

        UnaryOperator<NDArray> convT(String name, int cin, int cout, int k) {
            NDArray w = param(name + ".weight", new Shape(cin, cout, k, k), (long) cout * k * k);
            NDArray b = param(name + ".bias", new Shape(cout), (long) cout * k * k);
            return x -> StrideKernelConvTranspose.apply(x, w, b, k);
        }
    }

    static UnaryOperator<NDArray> build(String model, Net net) {
        switch (model) {
            case "seed": {
                var c1 = net.conv("0", 3, 64, 2, 2, 0);
                var c2 = net.conv("2", 64, 256, 2, 2, 0);
                var t1 = net.convT("4", 256, 64, 2);
                var t2 = net.convT("6", 64, 3, 2);
                return x -> Activation.sigmoid(t2.apply(Activation.relu(t1.apply(Activation.relu(c2.apply(Activation.relu(c1.apply(x))))))));
            }
            case "unet": {
                int c = 16;
                var enc1a = net.conv("enc1a", 3, c, 3, 1, 1);
                var enc1b = net.conv("enc1b", c, c, 3, 1, 1);
                var down1 = net.conv("down1", c, 2 * c, 2, 2, 0);
                var enc2 = net.conv("enc2", 2 * c, 2 * c, 3, 1, 1);
                var down2 = net.conv("down2", 2 * c, 4 * c, 2, 2, 0);
                var mid1 = net.conv("mid1", 4 * c, 4 * c, 3, 1, 1);
                var mid2 = net.conv("mid2", 4 * c, 4 * c, 3, 1, 1);
                var up2 = net.convT("up2", 4 * c, 2 * c, 2);
                var dec2 = net.conv("dec2", 2 * c, 2 * c, 3, 1, 1);
                var up1 = net.convT("up1", 2 * c, c, 2);
                var dec1 = net.conv("dec1", c, c, 3, 1, 1);
                var out = net.conv("out", c, 3, 1, 1, 0);
                return x -> {
                    NDArray s1 = relu(enc1b.apply(relu(enc1a.apply(x))));
                    NDArray s2 = relu(enc2.apply(relu(down1.apply(s1))));
                    NDArray m = relu(mid2.apply(relu(mid1.apply(relu(down2.apply(s2))))));
                    NDArray d2 = relu(dec2.apply(up2.apply(m).add(s2)));
                    NDArray d1 = relu(dec1.apply(up1.apply(d2).add(s1)));
                    return x.add(out.apply(d1));
                };
            }
            case "wide-unet": {
                int c = 32;
                var enc1a = net.conv("enc1a", 3, c, 3, 1, 1);
                var enc1b = net.conv("enc1b", c, c, 3, 1, 1);
                var down = net.conv("down", c, 2 * c, 2, 2, 0);
                var mid1 = net.conv("mid1", 2 * c, 2 * c, 3, 1, 1);
                var mid2 = net.conv("mid2", 2 * c, 2 * c, 3, 1, 1);
                var up = net.convT("up", 2 * c, c, 2);
                var dec1a = net.conv("dec1a", c, c, 3, 1, 1);
                var dec1b = net.conv("dec1b", c, c, 3, 1, 1);
                var out = net.conv("out", c, 3, 1, 1, 0);
                return x -> {
                    NDArray s1 = relu(enc1b.apply(relu(enc1a.apply(x))));
                    NDArray m = relu(mid2.apply(relu(mid1.apply(relu(down.apply(s1))))));
                    NDArray d = relu(dec1b.apply(relu(dec1a.apply(up.apply(m).add(s1)))));
                    return x.add(out.apply(d));
                };
            }
            default:
                throw new IllegalArgumentException("unknown model " + model + " (seed, unet, wide-unet)");
        }
    }

    private static NDArray relu(NDArray x) {
        return Activation.relu(x);
    }

    static Optimizer optimizer(String model) {
        return model.equals("seed")
                ? Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build()
                : Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
    }

    /** Largest absolute difference between the stand-in and the direct definition on a small random case. */
    static double selfCheck(NDManager m) {
        int n = 2, ci = 5, h = 3, wd = 4, co = 6, k = 2;
        Random r = new Random(7);
        float[] x = new float[n * ci * h * wd], w = new float[ci * co * k * k], b = new float[co];
        for (float[] a : new float[][] {x, w, b}) for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() * 2 - 1;
        float[] got;
        try (NDManager sub = m.newSubManager()) {
            got = StrideKernelConvTranspose.apply(sub.create(x, new Shape(n, ci, h, wd)), sub.create(w, new Shape(ci, co, k, k)),
                    sub.create(b, new Shape(co)), k).toFloatArray();
        }
        float[] want = StrideKernelConvTranspose.direct(x, w, b, n, ci, h, wd, co, k);
        if (got.length != want.length) return Double.POSITIVE_INFINITY;
        double err = 0;
        for (int i = 0; i < got.length; i++) err = Math.max(err, Math.abs(got[i] - want[i]));
        return err;
    }

    static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DjlPeer seed|unet|wide-unet THREADS [STEPS [REPEATS [WARMUP]]]");
            System.exit(2);
        }
        String model = args[0];
        int threads = Integer.parseInt(args[1]);
        boolean seed = model.equals("seed");
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : seed ? 100 : 30;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : seed ? 20 : 10;
        if (threads < 1 || steps < 1 || repeats < 1 || warmup < 0) throw new IllegalArgumentException("bad arguments " + Arrays.toString(args));

        // Before the engine loads: threads, offline, libtorch unpacked from the class path into the build output.
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            Path classes = Paths.get(DjlPeer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            System.setProperty("DJL_CACHE_DIR", classes.resolveSibling("djl-cache").toString());
        }
        String loadBefore = loadavg();
        Engine engine = Engine.getEngine("PyTorch");

        try (NDManager root = engine.newBaseManager()) {
            double checkErr = selfCheck(root);
            if (!(checkErr < 1e-4)) {
                System.out.printf(Locale.ROOT, "RESULT peer=%s model=%s error=convtranspose-stand-in-mismatch max_abs_err=%g%n", PEER, model, checkErr);
                System.exit(1);
            }
            Net net = new Net(root, 1);
            UnaryOperator<NDArray> forward = build(model, net);
            Optimizer opt = optimizer(model);
            Random r = new Random(2);
            float[] xv = new float[BATCH * 3 * 32 * 32], yv = new float[xv.length];
            for (int i = 0; i < xv.length; i++) { xv[i] = r.nextFloat(); yv[i] = r.nextFloat(); }
            NDArray x = root.create(xv, new Shape(BATCH, 3, 32, 32));
            NDArray y = root.create(yv, new Shape(BATCH, 3, 32, 32));
            float[] lastLoss = {Float.NaN};
            Runnable step = () -> {
                try (NDManager sub = root.newSubManager()) {
                    x.tempAttach(sub); // results of operations on x belong to sub and are freed with it
                    y.tempAttach(sub);
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray loss = forward.apply(x).sub(y).square().mean();
                        gc.backward(loss);
                        lastLoss[0] = loss.getFloat();
                    }
                    for (Param p : net.params) {
                        try (NDArray g = p.value().getGradient()) {
                            opt.update(p.id(), p.value(), g);
                            g.subi(g); // zero_grad
                        }
                    }
                }
            };
            for (int i = 0; i < warmup; i++) step.run();
            double[] runs = new double[repeats];
            for (int rep = 0; rep < repeats; rep++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) step.run();
                runs[rep] = (double) BATCH * steps / ((System.nanoTime() - t0) / 1e9);
            }
            if (!Float.isFinite(lastLoss[0])) throw new IllegalStateException("training diverged: loss " + lastLoss[0]);
            double[] sorted = runs.clone();
            Arrays.sort(sorted);
            double median = repeats % 2 == 1 ? sorted[repeats / 2] : (sorted[repeats / 2 - 1] + sorted[repeats / 2]) / 2;
            StringBuilder rs = new StringBuilder();
            for (double v : runs) rs.append(rs.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.0f", v));
            System.out.printf(Locale.ROOT,
                    "RESULT peer=%s model=%s threads=%d train_images_per_s=%.1f runs=%s steps=%d repeats=%d warmup=%d "
                            + "loss=%.5f convtranspose=matmul+pixel-shuffle selfcheck_max_abs_err=%.1e loadavg=%s->%s%n",
                    PEER, model, threads, median, rs, steps, repeats, warmup, lastLoss[0], checkErr, loadBefore, loadavg());
        }
    }
}
