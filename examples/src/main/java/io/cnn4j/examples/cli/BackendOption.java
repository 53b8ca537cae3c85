package io.cnn4j.examples.cli;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import io.cnn4j.backend.BackendModule;
import io.cnn4j.backend.Backends;
import io.cnn4j.tensor.Backend;
import picocli.CommandLine.Option;

/**
 * The {@code --backend NAME} option, shared by every command that runs on one backend: add it to a command with
 * {@code @CommandLine.Mixin BackendOption backend;} and call {@link #backend()}.
 *
 * <p>The backend is obtained the way an application should: by Guice injection from {@link BackendModule}, which
 * applies the precedence --backend &gt; -Dcnn4j.backend &gt; CNN4J_BACKEND &gt; cnn4j.properties &gt; auto. An unknown or
 * unavailable name throws the selector's {@link io.cnn4j.backend.BackendSelectionException} (unwrapped from
 * Guice), which the CLI prints as is with exit code 2.
 */
public final class BackendOption {

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend: reference, nd4j, jcuda or auto (default: -Dcnn4j.backend, CNN4J_BACKEND, cnn4j.properties, else auto).")
    String name;

    /** The explicit name given on the command line, or null. */
    public String name() { return name; }

    /** Creates the selected backend (one injector per call; call once per command). */
    public Backend backend() { return inject(name); }

    /** The backend Guice provides for {@code explicitOrNull}, with Guice's wrappers removed from errors. */
    public static Backend inject(String explicitOrNull) {
        try {
            return Guice.createInjector(new BackendModule(explicitOrNull)).getInstance(Backend.class);
        } catch (ProvisionException | CreationException e) {
            throw Backends.unwrap(e);
        }
    }
}
