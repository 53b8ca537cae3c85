package com.example.cnn4j;

import io.cnn4j.backend.Availability;
import io.cnn4j.backend.BackendProvider;
import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.tensor.Backend;

/**
 * Makes {@link DelegatingBackend} known to cnn4j as {@code delegating}: listed in
 * {@code META-INF/services/io.cnn4j.backend.BackendProvider}, so {@code --backend delegating},
 * {@code cnn4j backends} and {@code cnn4j verify --backends reference,delegating} find it once the jar is on the
 * class path.
 */
public final class DelegatingBackendProvider implements BackendProvider {
    @Override public String name() { return "delegating"; }

    /** Below the reference backend (100), so {@code auto} never prefers this example. */
    @Override public int priority() { return 1; }

    @Override public Availability availability() { return Availability.yes("example backend delegating to the reference backend"); }

    @Override public Backend create() { return new DelegatingBackend(new ReferenceBackend()); }
}
