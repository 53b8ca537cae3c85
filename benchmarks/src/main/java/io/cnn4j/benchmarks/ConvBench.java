package io.cnn4j.benchmarks;

import io.cnn4j.backend.nd4j.Nd4jBackend;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Conv2d forward and forward+backward, float32: cnn4j's generic Conv2d layer on the nd4j backend ({@code impl=cnn4j})
 * vs libnd4j's own {@code conv2d}/{@code conv2d_bp} custom ops on NCHW arrays as cnn4j holds them ({@code
 * impl=libnd4j}) and on NHWC arrays ({@code impl=libnd4j-nhwc}: input {@code [N,H,W,C]}, weights {@code [oC,kH,kW,iC]},
 * where libnd4j's oneDNN build runs faster kernels; the layout conversions are not timed), each on the native variant
 * {@code variant} ("default" = linux-x86_64, "-onednn-avx512" = libnd4j's oneDNN build). Time per call; GFLOP/s
 * = {@link ConvShape#forwardFlops()} (×3 for forward+backward) / time, computed by run-all.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class ConvBench {

    @Param({"i", "ii", "iii", "iv"})
    public String shape;

    @Param({"cnn4j", "libnd4j", "libnd4j-nhwc"})
    public String impl;

    @Param({"default", "-onednn-avx512"})
    public String variant;

    private ConvShape s;
    // cnn4j
    private Backend backend;
    private Conv2d conv;
    private Tensor x, dy;
    // libnd4j
    private INDArray xa, wa, ba, ya, dya, dxa, dwa, dba;
    private boolean nhwc;

    @Setup(Level.Trial)
    public void setup() {
        Variant.select(variant);
        s = ConvShape.valueOf(shape);
        int o = s.out();
        if (impl.equals("cnn4j")) { // libnd4j's ops run with ND4J's own thread defaults, untouched by cnn4j's backend
            backend = new Nd4jBackend();
            x = backend.uniform(DType.FLOAT32, 1, -1, 1, s.n, s.cin, s.hw, s.hw);
            dy = backend.uniform(DType.FLOAT32, 2, -1, 1, s.n, s.cout, o, o);
            conv = new Conv2d(Context.of(backend, DType.FLOAT32, 3), s.cin, s.cout, s.k, s.stride, s.pad);
        } else if (impl.equals("libnd4j")) {
            xa = Nd4j.rand(DataType.FLOAT, s.n, s.cin, s.hw, s.hw);
            wa = Nd4j.rand(DataType.FLOAT, s.cout, s.cin, s.k, s.k); // wFormat 1: [oC, iC, kH, kW], as PyTorch
            ba = Nd4j.rand(DataType.FLOAT, s.cout);
            ya = Nd4j.create(DataType.FLOAT, s.n, s.cout, o, o);
            dya = Nd4j.rand(DataType.FLOAT, s.n, s.cout, o, o);
            dxa = Nd4j.create(DataType.FLOAT, s.n, s.cin, s.hw, s.hw);
            dwa = Nd4j.create(DataType.FLOAT, s.cout, s.cin, s.k, s.k);
            dba = Nd4j.create(DataType.FLOAT, s.cout);
        } else if (impl.equals("libnd4j-nhwc")) {
            nhwc = true;
            xa = Nd4j.rand(DataType.FLOAT, s.n, s.hw, s.hw, s.cin);
            wa = Nd4j.rand(DataType.FLOAT, s.cout, s.k, s.k, s.cin); // wFormat 2: [oC, kH, kW, iC]
            ba = Nd4j.rand(DataType.FLOAT, s.cout);
            ya = Nd4j.create(DataType.FLOAT, s.n, o, o, s.cout);
            dya = Nd4j.rand(DataType.FLOAT, s.n, o, o, s.cout);
            dxa = Nd4j.create(DataType.FLOAT, s.n, s.hw, s.hw, s.cin);
            dwa = Nd4j.create(DataType.FLOAT, s.cout, s.k, s.k, s.cin);
            dba = Nd4j.create(DataType.FLOAT, s.cout);
        } else {
            throw new IllegalArgumentException("impl must be cnn4j, libnd4j or libnd4j-nhwc, got " + impl);
        }
    }

    private int[] convArgs() {
        // kH, kW, sH, sW, pH, pW, dH, dW, isSameMode, dataFormat (0 = NCHW, 1 = NHWC), wFormat (1 = [oC,iC,kH,kW], 2 = [oC,kH,kW,iC])
        return new int[]{s.k, s.k, s.stride, s.stride, s.pad, s.pad, 1, 1, 0, nhwc ? 1 : 0, nhwc ? 2 : 1};
    }

    @Benchmark
    public Object forward() {
        if (!impl.equals("cnn4j")) {
            Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(xa, wa, ba).addOutputs(ya).addIntegerArguments(convArgs()).build());
            return ya;
        }
        try (MemoryScope scope = backend.scope()) {
            Tensor y = conv.forward(x);
            return y.shape();
        }
    }

    @Benchmark
    public Object forwardBackward() {
        if (!impl.equals("cnn4j")) {
            Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(xa, wa, ba).addOutputs(ya).addIntegerArguments(convArgs()).build());
            Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(xa, wa, ba, dya).addOutputs(dxa, dwa, dba).addIntegerArguments(convArgs()).build());
            return dxa;
        }
        try (MemoryScope scope = backend.scope()) {
            conv.forward(x);
            Tensor dx = conv.backward(dy);
            return dx.shape();
        }
    }
}
