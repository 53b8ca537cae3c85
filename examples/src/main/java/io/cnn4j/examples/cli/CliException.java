package io.cnn4j.examples.cli;

/**
 * A problem with the user's input that the CLI reports as one line on stderr and exit code 2 (bad option value,
 * unknown model, unreadable or unwritable file). The message must say what was wrong and how to fix it.
 */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) { super(message); }

    public CliException(String message, Throwable cause) { super(message, cause); }
}
