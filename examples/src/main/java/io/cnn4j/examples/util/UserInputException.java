package io.cnn4j.examples.util;

/**
 * A problem with what the user asked for (missing file, unreadable image, wrong checkpoint, bad option value).
 * An {@link IllegalArgumentException}, so the CLI's generic handler also maps it to exit code 2. Commands catch it, print {@link #getMessage()} as one line and exit with code 2; the message must say what
 * was wrong and how to fix it, because no stack trace is shown.
 */
public class UserInputException extends IllegalArgumentException {
    public UserInputException(String message) { super(message); }

    public UserInputException(String message, Throwable cause) { super(message, cause); }
}
