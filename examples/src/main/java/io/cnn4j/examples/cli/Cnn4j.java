package io.cnn4j.examples.cli;

import com.google.inject.Guice;
import io.cnn4j.examples.classify.ClassifyCommand;
import io.cnn4j.examples.denoise.DenoiseCommand;
import io.cnn4j.examples.denoise.DenoiseEvalCommand;
import io.cnn4j.examples.denoise.DenoiseImageCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cnn4j} command line (launched by {@code ./cnn4j} at the repository root). Each task is a subcommand;
 * new ones are added to {@code subcommands} below (or with {@link CommandLine#addSubcommand} on {@link #commandLine()}).
 *
 * <p>Exit codes: 0 success, 1 a check failed (e.g. {@code verify} found a mismatch), 2 bad usage or bad input
 * (unknown option, unknown backend or model, unreadable/unwritable file), 3 an unexpected internal error.
 */
@Command(name = "cnn4j",
        mixinStandardHelpOptions = true,
        versionProvider = Cnn4j.Version.class,
        description = "Convolutional neural networks for the JVM: denoiser and classifier demos, backends, conformance checks and benchmarks.",
        subcommands = {DenoiseCommand.class, DenoiseImageCommand.class, DenoiseEvalCommand.class, ClassifyCommand.class,
                BackendsCommand.class, VerifyCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Backend choice (first wins): --backend, -Dcnn4j.backend, CNN4J_BACKEND, cnn4j.properties "
                + "(working directory, then ~/.cnn4j/), auto.",
                "Exit codes: 0 ok, 1 a check failed, 2 bad usage or input, 3 internal error."})
public final class Cnn4j implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: print the usage and fail with the usage exit code. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of " + spec.subcommands().keySet());
    }

    /**
     * A fully configured command line: one injector ({@link CliModule}) creates every command, usage errors and
     * failures become one line and an exit code ({@link UsageErrors}, {@link CliErrors}). Tests call
     * {@code execute} on it with captured output.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(Cnn4j.class, new GuiceFactory(Guice.createInjector(new CliModule())));
        cl.setExecutionExceptionHandler(new CliErrors());
        cl.setParameterExceptionHandler(new UsageErrors());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("cnn4j: out of memory (" + e.getMessage() + "); give Java more heap, e.g. CNN4J_JAVA_OPTS=-Xmx16g, or use smaller inputs");
            code = CliErrors.USER_ERROR;
        }
        System.exit(code);
    }

    /** The version from the jar manifest when packaged. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cnn4j.class.getPackage().getImplementationVersion();
            return new String[]{"cnn4j " + (v != null ? v : "(development build)"), "Java " + System.getProperty("java.version")};
        }
    }
}
