package io.cnn4j.examples.util;

import io.cnn4j.backend.Backends;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * Runs a command body and turns failures into one clear line on stderr and an exit code, never a bare stack trace:
 * bad user input ({@link IllegalArgumentException}, which includes {@link UserInputException} and backend
 * selection errors) and I/O failures exit with {@value #USER_ERROR}; anything else is an internal error
 * ({@value #INTERNAL_ERROR}) whose stack trace is printed only with {@code CNN4J_STACKTRACE} set.
 */
public final class CommandErrors {
    private CommandErrors() {}

    public static final int USER_ERROR = 2;
    public static final int INTERNAL_ERROR = 3;

    public static int run(String command, PrintWriter err, Callable<Integer> body) {
        try {
            return body.call();
        } catch (Exception e) {
            Throwable t = e instanceof RuntimeException re ? Backends.unwrap(re) : e;
            boolean user = t instanceof IllegalArgumentException || t instanceof IOException || t instanceof UncheckedIOException;
            String msg = t.getMessage() == null || t.getMessage().isBlank() ? t.toString() : t.getMessage();
            err.println("cnn4j " + command + ": " + (user ? "" : "internal error: ") + msg);
            if (System.getenv("CNN4J_STACKTRACE") != null || Boolean.getBoolean("cnn4j.stacktrace")) t.printStackTrace(err);
            else if (!user) err.println("(set CNN4J_STACKTRACE=1 to see the stack trace)");
            err.flush();
            return user ? USER_ERROR : INTERNAL_ERROR;
        }
    }
}
