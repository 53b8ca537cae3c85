package io.cnn4j.backend;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where {@link BackendSelector} looks for a backend name besides the explicit argument: system properties, the
 * process environment and {@code cnn4j.properties} files (searched in order, first existing file wins).
 *
 * <p>A value object so that tests can supply fake sources instead of mutating the real JVM state.
 *
 * @param systemProperty  looks up a system property; returns null when unset
 * @param environment     looks up an environment variable; returns null when unset
 * @param propertiesFiles candidate {@code cnn4j.properties} files, highest precedence first (may not exist)
 */
public record SelectionSources(Function<String, String> systemProperty,
                               Function<String, String> environment,
                               List<Path> propertiesFiles) {

    /** System property holding a backend name. */
    public static final String SYSTEM_PROPERTY = "cnn4j.backend";
    /** Environment variable holding a backend name. */
    public static final String ENVIRONMENT_VARIABLE = "CNN4J_BACKEND";
    /** Name of the properties file searched in the working directory and in {@code ~/.cnn4j/}. */
    public static final String PROPERTIES_FILE = "cnn4j.properties";
    /** Key of the backend name inside the properties file. */
    public static final String PROPERTIES_KEY = "backend";

    public SelectionSources {
        Objects.requireNonNull(systemProperty, "systemProperty");
        Objects.requireNonNull(environment, "environment");
        propertiesFiles = List.copyOf(propertiesFiles);
    }

    /**
     * The real sources of this process: {@link System#getProperty}, {@link System#getenv}, and
     * {@code ./cnn4j.properties} then {@code ~/.cnn4j/cnn4j.properties}.
     */
    public static SelectionSources system() {
        Path cwd = Path.of(System.getProperty("user.dir", ".")).resolve(PROPERTIES_FILE);
        Path home = Path.of(System.getProperty("user.home", ".")).resolve(".cnn4j").resolve(PROPERTIES_FILE);
        return new SelectionSources(System::getProperty, System::getenv, List.of(cwd, home));
    }

    /** No system property, no environment variable, no file: only the explicit argument or {@code auto} count. */
    public static SelectionSources none() {
        return new SelectionSources(k -> null, k -> null, List.of());
    }
}
