package io.cnn4j.examples.cli;

import com.google.inject.Inject;
import io.cnn4j.backend.BackendRequest;
import io.cnn4j.backend.BackendSelector;
import io.cnn4j.backend.BackendStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code cnn4j backends}: every registered backend, whether it can run here and why, and what would be chosen. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the backends, whether each is available here (and why), and which one 'auto' picks.")
final class BackendsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The CLI injector's selector (see {@link CliModule}). */
    @Inject
    BackendSelector selector;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Backends (auto picks the available one with the highest priority):");
        out.println(selector.describe());
        BackendRequest req = selector.request(null);
        if (!req.isAuto()) {
            Optional<BackendStatus> st = selector.statuses().stream().filter(s -> s.name().equals(req.name())).findFirst();
            String state = st.map(s -> s.available() ? "available" : "NOT available: " + s.availability().reason())
                    .orElse("NOT a known backend");
            out.println("configured: " + req + " — " + state);
        }
        out.println(BackendSelector.howToChoose());
        out.flush();
        return 0;
    }
}
