package io.cnn4j.tck;

import io.cnn4j.backend.Availability;
import io.cnn4j.backend.BackendProvider;
import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.tensor.Backend;

/**
 * Registers {@link DelegatingBackend} the documented way: listed in
 * {@code META-INF/services/io.cnn4j.backend.BackendProvider} (test resources), so {@link java.util.ServiceLoader}
 * and core's backend selection find it by name.
 */
public final class DelegatingBackendProvider implements BackendProvider {
    @Override public String name() { return "delegating"; }

    /** Below the reference backend: {@code auto} must never prefer a test backend. */
    @Override public int priority() { return 1; }

    @Override public Availability availability() { return Availability.yes("test backend wrapping the reference backend"); }

    @Override public Backend create() { return new DelegatingBackend(new ReferenceBackend()); }
}
