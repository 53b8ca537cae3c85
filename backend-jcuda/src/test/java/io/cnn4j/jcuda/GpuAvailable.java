package io.cnn4j.jcuda;

import io.cnn4j.backend.Availability;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shared guard of every test that needs a CUDA device: skips with the availability reason otherwise. */
final class GpuAvailable {
    private GpuAvailable() {}

    private static JCudaBackend backend;

    /** Skips the calling test (visible reason) unless a CUDA device is usable; returns the shared backend. */
    static synchronized JCudaBackend backendOrSkip() {
        Availability a = new JCudaBackendProvider().availability();
        assumeTrue(a.available(), () -> "jcuda GPU test skipped: " + a.reason());
        if (backend == null) backend = (JCudaBackend) new JCudaBackendProvider().create();
        return backend;
    }

    /**
     * A backend with its own pool, for tests that assert on pool counters: garbage from other tests' tensors
     * returned by the shared backend's Cleaner cannot disturb them.
     */
    static JCudaBackend freshBackendOrSkip() {
        backendOrSkip();
        return new JCudaBackend(CudaProbe.context());
    }
}
