package io.cnn4j.backend.nd4j;

import io.cnn4j.tck.FusedOperationConformance;
import io.cnn4j.tensor.Backend;
import org.junit.jupiter.api.Nested;

/**
 * Each of the nd4j backend's fused-convolution implementations, forced, equals the composite definition on
 * the kit's random geometries (the default {@code auto} policy picks between them per shape by timing, so the
 * plain conformance run alone would not say which one it checked).
 */
class Nd4jFusedConvolutionTest {

    @Nested
    class Gemm implements FusedOperationConformance {
        private final Backend backend = new Nd4jBackend(ConvolutionChooser.Policy.GEMM);

        @Override public Backend backendUnderTest() { return backend; }
    }

    @Nested
    class BatchedGemm implements FusedOperationConformance {
        private final Backend backend = new Nd4jBackend(ConvolutionChooser.Policy.BATCHED_GEMM);

        @Override public Backend backendUnderTest() { return backend; }
    }

    @Nested
    class Libnd4j implements FusedOperationConformance {
        private final Backend backend = new Nd4jBackend(ConvolutionChooser.Policy.LIBND4J);

        @Override public Backend backendUnderTest() { return backend; }
    }
}
