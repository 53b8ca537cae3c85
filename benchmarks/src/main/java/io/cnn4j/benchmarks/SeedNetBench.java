package io.cnn4j.benchmarks;

import io.cnn4j.backend.nd4j.Nd4jBackend;
import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.tensor.Backend;
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
 * Seed-network training step, batch 32, float32 (images/s = 32 / time). {@code threads}: "0" = backend default,
 * otherwise {@code cnn4j.nd4j.threads} (nd4j only). {@code variant}: the ND4J native variant.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SeedNetBench {

    @Param({"nd4j", "reference"})
    public String backend;

    @Param({"0"})
    public String threads;

    @Param({"default"})
    public String variant;

    private SeedStep net;

    @Setup(Level.Trial)
    public void setup() {
        Variant.select(variant);
        Variant.threads(threads);
        Backend b = backend.equals("nd4j") ? new Nd4jBackend() : new ReferenceBackend();
        net = new SeedStep(b, 32, 42);
    }

    @Benchmark
    public double trainStep() { return net.step(); }
}
