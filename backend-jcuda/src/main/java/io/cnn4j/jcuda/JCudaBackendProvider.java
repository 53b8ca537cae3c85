package io.cnn4j.jcuda;

import io.cnn4j.backend.Availability;
import io.cnn4j.backend.BackendProvider;
import io.cnn4j.tensor.Backend;

/** Registers the JCuda backend as {@code jcuda}, preferred by {@code auto} (priority 300) when a device is usable. */
public final class JCudaBackendProvider implements BackendProvider {

    @Override public String name() { return "jcuda"; }

    @Override public int priority() { return 300; }

    @Override public Availability availability() { return CudaProbe.availability(); }

    @Override public Backend create() { return new JCudaBackend(CudaProbe.context()); }
}
