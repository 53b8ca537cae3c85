package io.cnn4j.examples.cli;

import io.cnn4j.examples.models.ModelRegistry;
import io.cnn4j.examples.models.ModelSpec;
import io.cnn4j.examples.models.SyntheticBatch;
import io.cnn4j.loss.MSELoss;
import io.cnn4j.optim.TrainingDivergedException;
import io.cnn4j.optim.TrainingStep;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Module;
import io.cnn4j.optim.Optimizer;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cnn4j bench}: end-to-end training and inference throughput of a registered model on one backend.
 *
 * <p>A training step is what a training loop does: inside {@code backend.scope()}, zero the gradients, forward,
 * loss, backward, the model's optimizer step (SGD for seed, Adam for the U-Nets), and read the loss back to the host (which also waits for an asynchronous device).
 * An inference step is a forward in eval mode plus copying the output to the host. Each figure is the median
 * images/s over {@code --repeats} repetitions of {@code --steps} steps, after {@code --warmup} untimed steps.
 * The data is one fixed synthetic batch (see {@link ModelSpec#syntheticBatch}), so loading costs nothing.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure end-to-end training (optimizer step) and inference throughput of a model on a backend.")
final class BenchCommand implements Callable<Integer> {

    /** The SLF4J logger under which backends report their tuning decisions (the CLI's binding logs WARN and above otherwise). */
    private static final String EXPLAIN_LOGGER = "org.slf4j.simpleLogger.log.io.cnn4j.backend";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    BackendOption backend;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "seed", completionCandidates = ModelNames.class,
            description = "Model to benchmark: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20", description = "Timed steps per repetition (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "12",
            description = "Untimed warm-up steps; the nd4j backend settles its convolution choices in the first 10 (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "5", description = "Timed repetitions; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--dtype", paramLabel = "f32|f64", defaultValue = "f32", converter = DTypeConverter.class,
            description = "Element type (default: ${DEFAULT-VALUE}).")
    DType dtype;

    @Option(names = "--threads", paramLabel = "T",
            description = "Compute threads (sets -Dcnn4j.threads and the common ForkJoinPool; default: all cores).")
    Integer threads;

    @Option(names = "--lr", paramLabel = "LR",
            description = "Learning rate of the model's optimizer (default: the model's own: 0.01 for seed's SGD, 1e-3 for the U-Nets' Adam).")
    Double lr;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed for weights and data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE (replaced atomically).")
    Path json;

    @Option(names = "--explain",
            description = "Also print the backend's tuning decisions as they are made (on nd4j: the convolution implementation timed and chosen for each layer shape).")
    boolean explain;

    @Override
    public Integer call() {
        validate();
        ModelSpec modelSpec = ModelRegistry.get(model);
        if (json != null) AtomicJson.checkWritable(json);
        PrintWriter out = spec.commandLine().getOut();
        if (threads != null) {
            String warning = ThreadSettings.apply(threads);
            if (warning != null) spec.commandLine().getErr().println(warning);
        }
        if (explain) System.setProperty(EXPLAIN_LOGGER, "info");
        Backend be = backend.backend();

        Context ctx = Context.of(be, dtype, seed);
        Module net = modelSpec.create(ctx);
        long params = net.parameters().stream().mapToLong(p -> p.value().numel()).sum();
        SyntheticBatch data = modelSpec.syntheticBatch(be, dtype, batch, seed + 1);
        int nThreads = ThreadSettings.effective(threads);
        out.printf("bench: model %s (%,d parameters), backend %s, batch %d, %s, %d thread%s%n",
                modelSpec.name(), params, be.name(), batch, DTypeConverter.shortName(dtype), nThreads, nThreads == 1 ? "" : "s");
        out.printf("       %d warm-up steps, then the median of %d repetitions x %d steps%n", warmup, repeats, steps);
        out.flush();

        Optimizer opt = modelSpec.optimizer(net, lr == null ? modelSpec.defaultLr() : lr);
        double[] lastLoss = {Double.NaN};
        net.train();
        TrainingStep<Tensor> step = new TrainingStep<>(net, new MSELoss(), opt, null);
        Throughput.Result train;
        try {
            train = Throughput.measure(() -> lastLoss[0] = trainStep(be, step, data), batch, warmup, steps, repeats);
        } catch (TrainingDivergedException e) {
            throw new CliException("training diverged on backend " + be.name() + ": loss = " + e.loss() + " at step " + e.step() + "; try a smaller --lr");
        }
        if (!Double.isFinite(lastLoss[0]))
            throw new CliException("training diverged on backend " + be.name() + ": loss = " + lastLoss[0] + "; try a smaller --lr");
        out.printf("train: %,10.1f images/s  (repetitions %s; last loss %.5f)%n", train.median(), runs(train), lastLoss[0]);
        out.flush();

        net.eval();
        Throughput.Result infer = Throughput.measure(() -> {
            try (MemoryScope scope = be.scope()) {
                net.forward(data.input()).toFloatArray();
            }
        }, batch, warmup, steps, repeats);
        out.printf("infer: %,10.1f images/s  (repetitions %s)%n", infer.median(), runs(infer));

        if (json != null) {
            AtomicJson.write(json, report(modelSpec, opt, be, nThreads, params, train, infer, lastLoss[0]));
            out.println("wrote " + json.toAbsolutePath().normalize());
        }
        out.flush();
        return 0;
    }

    /**
     * One training step ({@link TrainingStep}); returns the loss. A named method so that profiles
     * ({@code benchmarks/jfr_breakdown.py}) can tell training samples from inference ones.
     */
    private static double trainStep(Backend be, TrainingStep<Tensor> step, SyntheticBatch data) {
        return step.run(be, data::input, data.target());
    }

    private void validate() {
        CommandLine cl = spec.commandLine();
        if (batch < 1) throw new CommandLine.ParameterException(cl, "--batch must be >= 1, got " + batch);
        if (steps < 1) throw new CommandLine.ParameterException(cl, "--steps must be >= 1, got " + steps);
        if (warmup < 0) throw new CommandLine.ParameterException(cl, "--warmup must be >= 0, got " + warmup);
        if (repeats < 1) throw new CommandLine.ParameterException(cl, "--repeats must be >= 1, got " + repeats);
        if (threads != null && threads < 1) throw new CommandLine.ParameterException(cl, "--threads must be >= 1, got " + threads);
        if (lr != null && (!(lr > 0) || Double.isInfinite(lr))) throw new CommandLine.ParameterException(cl, "--lr must be a positive number, got " + lr);
    }

    private static String runs(Throughput.Result r) {
        StringBuilder sb = new StringBuilder();
        for (double v : r.perRepeat()) sb.append(sb.length() == 0 ? "" : ", ").append(String.format("%.0f", v));
        return sb.toString();
    }

    private Map<String, Object> report(ModelSpec m, Optimizer opt, Backend be, int nThreads, long params,
                                       Throughput.Result train, Throughput.Result infer, double loss) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("backend", be.name());
        j.put("model", m.name());
        j.put("batch", batch);
        j.put("dtype", DTypeConverter.shortName(dtype));
        j.put("train_images_per_s", train.median());
        j.put("infer_images_per_s", infer.median());
        j.put("train_images_per_s_runs", train.perRepeat());
        j.put("infer_images_per_s_runs", infer.perRepeat());
        j.put("steps", steps);
        j.put("warmup", warmup);
        j.put("repeats", repeats);
        j.put("threads", nThreads);
        j.put("optimizer", opt.getClass().getSimpleName());
        j.put("lr", lr == null ? m.defaultLr() : lr);
        j.put("seed", seed);
        j.put("parameters", params);
        j.put("final_loss", loss);
        j.put("cores", Runtime.getRuntime().availableProcessors());
        j.put("java", System.getProperty("java.version"));
        j.put("os_arch", System.getProperty("os.arch"));
        j.put("timestamp", Instant.now().toString());
        return j;
    }
}
