package io.cnn4j.backend;

/**
 * The requested backend does not exist or cannot run here. The message lists every known backend with its
 * availability and reason, and says how to choose another one; callers (the CLI) print it as is.
 * An {@link IllegalArgumentException} because the cause is a bad or unsatisfiable user setting.
 */
public final class BackendSelectionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BackendSelectionException(String message) { super(message); }

    public BackendSelectionException(String message, Throwable cause) { super(message, cause); }
}
