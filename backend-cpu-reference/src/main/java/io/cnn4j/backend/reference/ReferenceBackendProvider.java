package io.cnn4j.backend.reference;

import io.cnn4j.backend.Availability;
import io.cnn4j.backend.BackendProvider;
import io.cnn4j.tensor.Backend;

/** Registers the pure-Java {@link ReferenceBackend} with {@link java.util.ServiceLoader}; it runs everywhere. */
public final class ReferenceBackendProvider implements BackendProvider {

    @Override public String name() { return ReferenceBackend.NAME; }

    /** Lowest of the built-in backends: chosen by {@code auto} only when nothing faster is available. */
    @Override public int priority() { return 100; }

    @Override
    public Availability availability() {
        return Availability.yes("pure Java, " + Runtime.getRuntime().availableProcessors() + " cores");
    }

    @Override public Backend create() { return new ReferenceBackend(); }
}
