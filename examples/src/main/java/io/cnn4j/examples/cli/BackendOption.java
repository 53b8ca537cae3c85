package io.cnn4j.examples.cli;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.ProvisionException;
import io.cnn4j.backend.Backends;
import io.cnn4j.tensor.Backend;
import picocli.CommandLine.Option;

/**
 * The {@code --backend NAME} option, shared by every command that runs on one backend: add it to a command with
 * {@code @CommandLine.Mixin BackendOption backend;} and call {@link #backend()}.
 *
 * <p>The backend comes from the CLI's one injector ({@link CliModule}): {@link io.cnn4j.backend.BackendModule}
 * applies the precedence --backend &gt; -Dcnn4j.backend &gt; CNN4J_BACKEND &gt; cnn4j.properties &gt; auto. An
 * unknown or unavailable name throws the selector's {@link io.cnn4j.backend.BackendSelectionException} (unwrapped
 * from Guice), which the CLI prints as is with exit code 2.
 */
public final class BackendOption {
    private final BackendChoice choice;
    private final Provider<Backend> backend;

    @Inject
    BackendOption(BackendChoice choice, Provider<Backend> backend) {
        this.choice = choice;
        this.backend = backend;
    }

    @Option(names = "--backend", paramLabel = "NAME", completionCandidates = BackendNames.class,
            description = "Backend: ${COMPLETION-CANDIDATES} (default: -Dcnn4j.backend, CNN4J_BACKEND, cnn4j.properties, else auto).")
    void name(String name) { choice.set(name); }

    /** The explicit name given on the command line, or null. */
    public String name() { return choice.name(); }

    /** The selected backend (created once per command line). */
    public Backend backend() {
        try {
            return backend.get();
        } catch (ProvisionException e) {
            throw Backends.unwrap(e);
        }
    }
}
