package io.cnn4j.tck;

import io.cnn4j.nn.AdaptiveAvgPool2d;
import io.cnn4j.nn.AdaptiveMaxPool2d;
import io.cnn4j.nn.AvgPool2d;
import io.cnn4j.nn.BatchNorm2d;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.ConvTranspose2d;
import io.cnn4j.nn.Flatten;
import io.cnn4j.nn.GELU;
import io.cnn4j.nn.GroupNorm;
import io.cnn4j.nn.InstanceNorm2d;
import io.cnn4j.nn.LayerNorm;
import io.cnn4j.nn.LogSoftmax;
import io.cnn4j.nn.SiLU;
import io.cnn4j.nn.Softmax;
import io.cnn4j.nn.LeakyReLU;
import io.cnn4j.nn.Linear;
import io.cnn4j.nn.MaxPool2d;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sigmoid;
import io.cnn4j.nn.Tanh;
import io.cnn4j.nn.Upsample;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import org.quicktheories.core.Gen;

import java.util.List;
import java.util.function.Function;

/**
 * Random layer configurations in the kit's ranges (kernel 1–5, stride 1–3, padding 0–2, dilation 1–2, batch 1–4,
 * channels 1–8, spatial sizes where the output-size formula floors, valid output_padding, both dtypes). Each
 * method draws one case from a {@link Draw}; {@link #gen} turns a method into a shrinking QuickTheories generator.
 */
public final class LayerCases {
    private LayerCases() {}

    /** A QuickTheories generator from a case-drawing function. */
    public static Gen<LayerCase> gen(Function<Draw, LayerCase> kind) {
        return src -> kind.apply(Draw.of(src));
    }

    /** Every layer kind, for sweeps that pick one at random. */
    public static final List<Function<Draw, LayerCase>> ALL = List.of(
            LayerCases::conv2d, LayerCases::convTranspose2d, LayerCases::maxPool2d, LayerCases::avgPool2d,
            LayerCases::linear, LayerCases::activation, LayerCases::batchNorm2d, LayerCases::upsample, LayerCases::flatten,
            LayerCases::groupedConv2d, LayerCases::softmaxFamily, LayerCases::normalization, LayerCases::adaptivePool, GraphCases::graph);

    private static String pair(int h, int w) { return "(" + h + ", " + w + ")"; }

    public static LayerCase conv2d(Draw in) {
        DType dt = in.dtype();
        ConvGeometry g = in.geometry(true);
        int n = in.between(1, 4), cin = in.between(1, 8), cout = in.between(1, 8);
        boolean bias = in.bool();
        int h = in.extent(g.effectiveKernelH(), 2 * g.padTop(), g.strideH());
        int w = in.extent(g.effectiveKernelW(), 2 * g.padLeft(), g.strideW());
        int[] k = {g.kernelH(), g.kernelW()}, s = {g.strideH(), g.strideW()}, p = {g.padTop(), g.padLeft()}, d = {g.dilationH(), g.dilationW()};
        String desc = "Conv2d(" + cin + ", " + cout + ", kernel=" + pair(k[0], k[1]) + ", stride=" + pair(s[0], s[1]) + ", padding="
                + pair(p[0], p[1]) + ", dilation=" + pair(d[0], d[1]) + ", bias=" + bias + ")";
        return new LayerCase(desc, dt, new int[] {n, cin, h, w}, in.seed(), ctx -> new Conv2d(ctx, cin, cout, k, s, p, d, bias),
                LayerCase.InputKind.UNIFORM, false);
    }

    public static LayerCase convTranspose2d(Draw in) {
        DType dt = in.dtype();
        ConvGeometry g = in.geometry(true);
        int n = in.between(1, 4), cin = in.between(1, 8), cout = in.between(1, 8);
        boolean bias = in.bool();
        int[] k = {g.kernelH(), g.kernelW()}, s = {g.strideH(), g.strideW()}, p = {g.padTop(), g.padLeft()}, d = {g.dilationH(), g.dilationW()};
        int[] op = {in.between(0, Math.max(s[0], d[0]) - 1), in.between(0, Math.max(s[1], d[1]) - 1)};
        // smallest input whose output (H-1)s - 2p + d(k-1) + op + 1 is at least 1, plus a few
        int h = in.between(minTransposedInput(g.effectiveKernelH(), s[0], p[0], op[0]), 5);
        int w = in.between(minTransposedInput(g.effectiveKernelW(), s[1], p[1], op[1]), 5);
        String desc = "ConvTranspose2d(" + cin + ", " + cout + ", kernel=" + pair(k[0], k[1]) + ", stride=" + pair(s[0], s[1]) + ", padding="
                + pair(p[0], p[1]) + ", output_padding=" + pair(op[0], op[1]) + ", dilation=" + pair(d[0], d[1]) + ", bias=" + bias + ")";
        return new LayerCase(desc, dt, new int[] {n, cin, h, w}, in.seed(),
                ctx -> new ConvTranspose2d(ctx, cin, cout, k, s, p, op, d, bias), LayerCase.InputKind.UNIFORM, false);
    }

    static int minTransposedInput(int effK, int s, int p, int op) {
        int h = 1;
        while ((h - 1) * s - 2 * p + effK + op < 1) h++;
        return Math.min(h, 5);
    }

    public static LayerCase maxPool2d(Draw in) {
        DType dt = in.dtype();
        int kh = in.between(1, 5), kw = in.between(1, 5), sh = in.between(1, 3), sw = in.between(1, 3);
        int ph = in.between(0, kh / 2), pw = in.between(0, kw / 2);
        int n = in.between(1, 4), c = in.between(1, 8);
        int h = in.extent(kh, 2 * ph, sh), w = in.extent(kw, 2 * pw, sw);
        String desc = "MaxPool2d(kernel=" + pair(kh, kw) + ", stride=" + pair(sh, sw) + ", padding=" + pair(ph, pw) + ")";
        return new LayerCase(desc, dt, new int[] {n, c, h, w}, in.seed(),
                ctx -> new MaxPool2d(new int[] {kh, kw}, new int[] {sh, sw}, new int[] {ph, pw}, new int[] {1, 1}), LayerCase.InputKind.DISTINCT, false);
    }

    public static LayerCase avgPool2d(Draw in) {
        DType dt = in.dtype();
        int kh = in.between(1, 5), kw = in.between(1, 5), sh = in.between(1, 3), sw = in.between(1, 3);
        int ph = in.between(0, kh / 2), pw = in.between(0, kw / 2);
        boolean cip = in.bool();
        int n = in.between(1, 4), c = in.between(1, 8);
        int h = in.extent(kh, 2 * ph, sh), w = in.extent(kw, 2 * pw, sw);
        String desc = "AvgPool2d(kernel=" + pair(kh, kw) + ", stride=" + pair(sh, sw) + ", padding=" + pair(ph, pw) + ", count_include_pad=" + cip + ")";
        return new LayerCase(desc, dt, new int[] {n, c, h, w}, in.seed(),
                ctx -> new AvgPool2d(new int[] {kh, kw}, new int[] {sh, sw}, new int[] {ph, pw}, cip), LayerCase.InputKind.UNIFORM, false);
    }

    public static LayerCase linear(Draw in) {
        DType dt = in.dtype();
        int n = in.between(1, 4), fin = in.between(1, 16), fout = in.between(1, 16);
        boolean bias = in.bool();
        return new LayerCase("Linear(" + fin + ", " + fout + ", bias=" + bias + ")", dt, new int[] {n, fin}, in.seed(),
                ctx -> new Linear(ctx, fin, fout, bias), LayerCase.InputKind.UNIFORM, false);
    }

    /** ReLU, LeakyReLU(0.01 or 0.2), Sigmoid or Tanh on a random 4-D input. */
    public static LayerCase activation(Draw in) {
        DType dt = in.dtype();
        int which = in.between(0, 4);
        int[] shape = {in.between(1, 4), in.between(1, 8), in.between(1, 5), in.between(1, 5)};
        long seed = in.seed();
        switch (which) {
            case 0: return new LayerCase("ReLU()", dt, shape, seed, ctx -> new ReLU(), LayerCase.InputKind.AWAY_FROM_ZERO, false);
            case 1: return new LayerCase("LeakyReLU(0.01)", dt, shape, seed, ctx -> new LeakyReLU(), LayerCase.InputKind.AWAY_FROM_ZERO, false);
            case 2: return new LayerCase("LeakyReLU(0.2)", dt, shape, seed, ctx -> new LeakyReLU(0.2), LayerCase.InputKind.AWAY_FROM_ZERO, false);
            case 3: return new LayerCase("Sigmoid()", dt, shape, seed, ctx -> new Sigmoid(), LayerCase.InputKind.UNIFORM, false);
            default: return new LayerCase("Tanh()", dt, shape, seed, ctx -> new Tanh(), LayerCase.InputKind.UNIFORM, false);
        }
    }

    /** BatchNorm2d in training mode, or in eval mode after one training step; N·H·W ≥ 4. */
    public static LayerCase batchNorm2d(Draw in) {
        DType dt = in.dtype();
        int n = in.between(1, 4), c = in.between(1, 8), h = in.between(2, 5), w = in.between(2, 5);
        boolean eval = in.bool();
        return new LayerCase("BatchNorm2d(" + c + ")", dt, new int[] {n, c, h, w}, in.seed(), ctx -> new BatchNorm2d(ctx, c),
                LayerCase.InputKind.UNIFORM, eval);
    }

    /** Upsample(scale_factor=(sh, sw), mode='nearest'). */
    public static LayerCase upsample(Draw in) {
        DType dt = in.dtype();
        int sh = in.between(1, 3), sw = in.between(1, 3);
        int[] shape = {in.between(1, 4), in.between(1, 8), in.between(1, 5), in.between(1, 5)};
        return new LayerCase("Upsample(scale_factor=" + pair(sh, sw) + ", mode='nearest')", dt, shape, in.seed(),
                ctx -> Upsample.scaleFactor(sh, sw), LayerCase.InputKind.UNIFORM, false);
    }

    public static LayerCase flatten(Draw in) {
        DType dt = in.dtype();
        int[] shape = {in.between(1, 4), in.between(1, 8), in.between(1, 5), in.between(1, 5)};
        return new LayerCase("Flatten()", dt, shape, in.seed(), ctx -> new Flatten(), LayerCase.InputKind.UNIFORM, false);
    }

    /** SiLU, GELU (exact or tanh), Softmax(dim) or LogSoftmax(dim) with dim in [-4, 3] on a random 4-D input. */
    public static LayerCase softmaxFamily(Draw in) {
        DType dt = in.dtype();
        int which = in.between(0, 4), dim = in.between(-4, 3);
        int[] shape = {in.between(1, 4), in.between(1, 6), in.between(1, 4), in.between(1, 4)};
        long seed = in.seed();
        switch (which) {
            case 0: return new LayerCase("SiLU()", dt, shape, seed, ctx -> new SiLU(), LayerCase.InputKind.UNIFORM, false);
            case 3: return new LayerCase("GELU(approximate='tanh')", dt, shape, seed, ctx -> new GELU("tanh"), LayerCase.InputKind.UNIFORM, false);
            case 4: return new LayerCase("GELU(approximate='none')", dt, shape, seed, ctx -> new GELU(), LayerCase.InputKind.UNIFORM, false);
            case 1: return new LayerCase("Softmax(dim=" + dim + ")", dt, shape, seed, ctx -> new Softmax(dim), LayerCase.InputKind.UNIFORM, false);
            default: return new LayerCase("LogSoftmax(dim=" + dim + ")", dt, shape, seed, ctx -> new LogSoftmax(dim), LayerCase.InputKind.UNIFORM, false);
        }
    }

    /**
     * GroupNorm(G, C) with G dividing C, InstanceNorm2d(C) or LayerNorm over the last 1–3 dimensions, each with or
     * without affine parameters, on a random 4-D input with at least 2 values per normalised group.
     */
    public static LayerCase normalization(Draw in) {
        DType dt = in.dtype();
        int which = in.between(0, 2);
        boolean affine = in.bool();
        int n = in.between(1, 3), g = in.between(1, 3), c = g * in.between(1, 3), h = in.between(2, 4), w = in.between(2, 4);
        int[] shape = {n, c, h, w};
        long seed = in.seed();
        switch (which) {
            case 0: return new LayerCase("GroupNorm(" + g + ", " + c + ", affine=" + affine + ")", dt, shape, seed,
                    ctx -> new GroupNorm(ctx, g, c, 1e-5, affine), LayerCase.InputKind.UNIFORM, false);
            case 1: return new LayerCase("InstanceNorm2d(" + c + ", affine=" + affine + ")", dt, shape, seed,
                    ctx -> new InstanceNorm2d(ctx, c, 1e-5, affine), LayerCase.InputKind.UNIFORM, false);
            default: {
                int d = in.between(1, 3);
                int[] normalized = java.util.Arrays.copyOfRange(shape, 4 - d, 4);
                return new LayerCase("LayerNorm(" + java.util.Arrays.toString(normalized) + ", affine=" + affine + ")", dt, shape, seed,
                        ctx -> new LayerNorm(ctx, normalized, 1e-5, affine), LayerCase.InputKind.UNIFORM, false);
            }
        }
    }

    /** Conv2d with groups G ∈ 2..3 (in = G·1..3, out = G·1..3; sometimes depthwise, in = out = G), random geometry. */
    public static LayerCase groupedConv2d(Draw in) {
        DType dt = in.dtype();
        ConvGeometry g = in.geometry(true);
        int groups = in.between(2, 3), n = in.between(1, 3);
        boolean depthwise = in.bool();
        int cin = depthwise ? groups : groups * in.between(1, 3), cout = depthwise ? groups : groups * in.between(1, 3);
        boolean bias = in.bool();
        int h = in.extent(g.effectiveKernelH(), 2 * g.padTop(), g.strideH());
        int w = in.extent(g.effectiveKernelW(), 2 * g.padLeft(), g.strideW());
        int[] k = {g.kernelH(), g.kernelW()}, s = {g.strideH(), g.strideW()}, p = {g.padTop(), g.padLeft()}, d = {g.dilationH(), g.dilationW()};
        String desc = "Conv2d(" + cin + ", " + cout + ", kernel=" + pair(k[0], k[1]) + ", stride=" + pair(s[0], s[1]) + ", padding="
                + pair(p[0], p[1]) + ", dilation=" + pair(d[0], d[1]) + ", groups=" + groups + ", bias=" + bias + ")";
        return new LayerCase(desc, dt, new int[] {n, cin, h, w}, in.seed(), ctx -> new Conv2d(ctx, cin, cout, k, s, p, d, groups, bias),
                LayerCase.InputKind.UNIFORM, false);
    }

    /** AdaptiveAvgPool2d or AdaptiveMaxPool2d with any output size up to the input's (divisible or not). */
    public static LayerCase adaptivePool(Draw in) {
        DType dt = in.dtype();
        boolean max = in.bool();
        int n = in.between(1, 3), c = in.between(1, 4), oh = in.between(1, 3), ow = in.between(1, 3);
        int h = in.between(oh, 7), w = in.between(ow, 7);
        int[] out = {oh, ow};
        return max
                ? new LayerCase("AdaptiveMaxPool2d(" + oh + ", " + ow + ")", dt, new int[]{n, c, h, w}, in.seed(), ctx -> new AdaptiveMaxPool2d(out),
                        LayerCase.InputKind.DISTINCT, false)
                : new LayerCase("AdaptiveAvgPool2d(" + oh + ", " + ow + ")", dt, new int[]{n, c, h, w}, in.seed(), ctx -> new AdaptiveAvgPool2d(out),
                        LayerCase.InputKind.UNIFORM, false);
    }
}
