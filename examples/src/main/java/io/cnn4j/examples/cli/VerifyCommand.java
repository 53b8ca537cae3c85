package io.cnn4j.examples.cli;

import com.google.inject.Inject;
import io.cnn4j.backend.BackendSelector;
import io.cnn4j.backend.BackendStatus;
import io.cnn4j.tck.GoldenCase;
import io.cnn4j.tck.GoldenCaseRunner;
import io.cnn4j.tck.GoldenResult;
import io.cnn4j.tck.GoldenVectors;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cnn4j verify}: every golden case on every chosen backend (the real layers, forward and backward, compared
 * with PyTorch's results by {@link GoldenCaseRunner}), then — with two or more backends — a seeded random
 * cross-backend agreement sweep ({@link SweepSection}). One line per case and backend; the last line is exactly
 * {@code N passed, M failed}. Exit code 1 when anything failed.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check backends against PyTorch golden vectors and, with two or more, against each other.",
                "Golden vectors cover the forward and backward of every layer; the cross-backend sweep uses random cases.",
                "The last line is 'N passed, M failed'; exit code 1 if anything failed."})
final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The CLI injector's selector (see {@link CliModule}). */
    @Inject
    BackendSelector selector;

    @Option(names = "--backends", split = ",", paramLabel = "NAME",
            description = "Backends to check, comma-separated ('auto' allowed; default: every available backend).")
    List<String> backends;

    @Option(names = "--vectors", paramLabel = "DIR",
            description = "Directory of *.safetensors golden cases (default: the bundled PyTorch 2.5.1 vectors).")
    Path vectors;

    @Option(names = "--dtype", paramLabel = "f32|f64", defaultValue = "f32", converter = DTypeConverter.class,
            description = "Compute in this dtype (default: ${DEFAULT-VALUE}); golden data is float32 either way.")
    DType dtype;

    @Option(names = "--sweep-cases", paramLabel = "N", defaultValue = "3",
            description = "Random cases per layer/loss/primitive kind in the cross-backend sweep (default: ${DEFAULT-VALUE}; 0 disables it).")
    int sweepCases;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "20240611",
            description = "Seed of the cross-backend sweep (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (sweepCases < 0) throw new CommandLine.ParameterException(cl, "--sweep-cases must be >= 0, got " + sweepCases);
        PrintWriter out = cl.getOut();

        List<GoldenCase> cases = loadCases();
        Map<String, Backend> chosen = chooseBackends();
        String dt = DTypeConverter.shortName(dtype);
        out.printf("verify: %d golden cases (%s) on %s, %s; pass when every element has |a - ref| <= %.0e * max(1, |ref|)%n",
                cases.size(), vectors == null ? "bundled PyTorch 2.5.1 vectors" : vectors.toAbsolutePath().normalize(),
                String.join(", ", chosen.keySet()), dt, GoldenResult.TOLERANCE);
        out.flush();

        int passed = 0, failed = 0;
        for (Backend b : chosen.values()) {
            for (GoldenCase c : cases) {
                GoldenResult r = GoldenCaseRunner.run(c, b, dtype);
                out.println(r.summary());
                if (r.passed()) passed++; else failed++;
            }
            out.flush();
        }

        if (chosen.size() >= 2 && sweepCases > 0) {
            SweepSection.Counts sweep = SweepSection.run(new ArrayList<>(chosen.values()), dtype, sweepCases, seed, out);
            passed += sweep.passed();
            failed += sweep.failed();
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private List<GoldenCase> loadCases() throws IOException {
        if (vectors == null) return GoldenVectors.bundled();
        if (!Files.isDirectory(vectors))
            throw new CliException("--vectors " + vectors + ": not a directory; give a folder of *.safetensors golden cases");
        try {
            return GoldenVectors.fromDirectory(vectors);
        } catch (IOException e) {
            throw new CliException("--vectors " + vectors + ": " + e.getMessage(), e);
        }
    }

    /** The named backends (deduplicated, in order), or every available one; a bad name fails with the backend list. */
    private Map<String, Backend> chooseBackends() {
        List<String> names = new ArrayList<>();
        if (backends == null || backends.isEmpty()) {
            for (BackendStatus s : selector.statuses()) if (s.available()) names.add(s.name());
            if (names.isEmpty()) selector.provider("auto"); // throws the "no backend available" message
        } else {
            for (String n : backends) {
                if (n.isBlank()) throw new CommandLine.ParameterException(spec.commandLine(), "--backends: empty name in the list");
                names.add(n);
            }
        }
        Map<String, Backend> out = new LinkedHashMap<>();
        for (String n : names) {
            Backend b = selector.select(n, "--backends argument");
            out.putIfAbsent(b.name(), b);
        }
        return out;
    }
}
