package io.cnn4j.backend;

import io.cnn4j.tensor.Backend;

/**
 * How a backend jar makes itself known: one implementation per backend, registered for {@link java.util.ServiceLoader}
 * in {@code META-INF/services/io.cnn4j.backend.BackendProvider}. Core binds every provider found into Guice by
 * {@link #name()}.
 */
public interface BackendProvider {

    /** Registry name used by {@code --backend}, {@code cnn4j.backend}, {@code CNN4J_BACKEND}: "reference", "nd4j", "jcuda". */
    String name();

    /** Preference when {@code auto} chooses among available backends: higher wins (jcuda 300, nd4j 200, reference 100). */
    int priority();

    /** Whether the backend can run here, and if not, why (e.g. "no CUDA driver (libcuda.so.1 not found)"). Must not throw. */
    Availability availability();

    /** Creates the backend; only called when {@link #availability()} says it is available. */
    Backend create();
}
