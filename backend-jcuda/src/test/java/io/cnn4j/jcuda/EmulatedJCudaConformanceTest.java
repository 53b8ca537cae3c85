package io.cnn4j.jcuda;

import io.cnn4j.tck.BackendConformance;
import io.cnn4j.tensor.Backend;

/**
 * The whole conformance kit on {@link JCudaBackend} over {@link EmulatedDevice}: every line of the backend's
 * Java side (pool, scopes, plans, strides, offsets, argument lists) is exercised against the reference backend
 * without a GPU. The kernels' CUDA code is covered by {@code cuda/emulate-kernels.sh} and, on a GPU, by
 * {@link JCudaConformanceTest}.
 */
class EmulatedJCudaConformanceTest implements BackendConformance {
    private static final JCudaBackend BACKEND = new JCudaBackend(new EmulatedDevice());

    @Override
    public Backend backendUnderTest() { return BACKEND; }
}
