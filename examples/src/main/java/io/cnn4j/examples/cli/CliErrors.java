package io.cnn4j.examples.cli;

import io.cnn4j.backend.Backends;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Turns exceptions escaping a subcommand into a clear message on stderr and an exit code, instead of a bare stack
 * trace: user errors ({@link CliException}, {@link IllegalArgumentException} including
 * {@link io.cnn4j.backend.BackendSelectionException}, I/O failures, a training run diverged by its settings,
 * {@link io.cnn4j.optim.TrainingDivergedException}) exit with 2; anything else is an internal error
 * (exit 3) whose stack trace is printed only when {@code CNN4J_STACKTRACE} is set or {@code -Dcnn4j.stacktrace=true}.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {

    static final int USER_ERROR = 2;
    static final int INTERNAL_ERROR = 3;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        Throwable t = ex instanceof RuntimeException re ? Backends.unwrap(re) : ex;
        String who = cmd.getCommandName();
        if (t instanceof CliException || t instanceof IllegalArgumentException || t instanceof UncheckedIOException
                || t instanceof java.io.IOException || t instanceof io.cnn4j.optim.TrainingDivergedException) {
            err.println(cmd.getColorScheme().errorText("cnn4j " + who + ": " + message(t)));
            if (showStackTrace()) t.printStackTrace(err);
            err.flush();
            return USER_ERROR;
        }
        err.println(cmd.getColorScheme().errorText("cnn4j " + who + ": internal error: " + t));
        if (showStackTrace()) t.printStackTrace(err);
        else err.println("(set CNN4J_STACKTRACE=1 to see the stack trace)");
        err.flush();
        return INTERNAL_ERROR;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.toString() : m;
    }

    private static boolean showStackTrace() {
        return System.getenv("CNN4J_STACKTRACE") != null || Boolean.getBoolean("cnn4j.stacktrace");
    }
}
