package io.cnn4j.benchmarks;

import io.cnn4j.backend.nd4j.Nd4jBackend;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * sgemm GFLOP/s in the same run as the conv benchmarks: {@code Nd4j.gemm} into an f-order result (ND4J's fastest
 * path) and cnn4j's {@code matmul} (row-major result via strided cblas), square n×n×n, GFLOP/s = 2n³/time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class GemmBench {

    @Param({"2048"})
    public int n;

    private INDArray a, b, cf;
    private Backend backend;
    private Tensor ta, tb;

    @Setup(Level.Trial)
    public void setup() {
        backend = new Nd4jBackend();
        a = Nd4j.rand(DataType.FLOAT, n, n);
        b = Nd4j.rand(DataType.FLOAT, n, n);
        cf = Nd4j.create(DataType.FLOAT, new long[]{n, n}, 'f');
        ta = backend.uniform(DType.FLOAT32, 1, -1, 1, n, n);
        tb = backend.uniform(DType.FLOAT32, 2, -1, 1, n, n);
    }

    @Benchmark
    public Object nd4jGemmF() { return Nd4j.gemm(a, b, cf, false, false, 1.0, 0.0); }

    @Benchmark
    public Object cnn4jMatmul() {
        try (MemoryScope s = backend.scope()) {
            return backend.matmul(ta, false, tb, false).shape();
        }
    }
}
