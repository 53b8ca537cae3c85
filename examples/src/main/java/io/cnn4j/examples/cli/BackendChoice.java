package io.cnn4j.examples.cli;

import com.google.inject.Singleton;

/**
 * The {@code --backend} name given on the command line (null when none), shared between the parsed
 * {@link BackendOption} and the injector's {@link io.cnn4j.backend.BackendModule}, which reads it when the
 * backend is first injected, i.e. after parsing.
 */
@Singleton
final class BackendChoice {
    private volatile String name;

    String name() { return name; }

    void set(String name) { this.name = name; }
}
