package io.cnn4j.jcuda;

import io.cnn4j.tck.BackendConformance;
import io.cnn4j.tensor.Backend;
import org.junit.jupiter.api.BeforeEach;

/**
 * The whole conformance kit with {@code jcuda} as the backend under test. On a machine without a usable CUDA
 * device every inherited test is skipped with the reason (e.g. "no CUDA driver (libcuda.so.1 not found)").
 */
class JCudaConformanceTest implements BackendConformance {

    @BeforeEach
    void requireDevice() { GpuAvailable.backendOrSkip(); }

    @Override
    public Backend backendUnderTest() { return GpuAvailable.backendOrSkip(); }
}
