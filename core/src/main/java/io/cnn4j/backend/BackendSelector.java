package io.cnn4j.backend;

import io.cnn4j.tensor.Backend;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses a backend by name among the registered {@link BackendProvider}s.
 *
 * <h2>Where the name comes from (first one set wins)</h2>
 * <ol>
 *   <li>the explicit argument (the CLI's {@code --backend});</li>
 *   <li>the system property {@code cnn4j.backend};</li>
 *   <li>the environment variable {@code CNN4J_BACKEND};</li>
 *   <li>key {@code backend} in {@code cnn4j.properties}, in the working directory, then in {@code ~/.cnn4j/};</li>
 *   <li>{@code auto}.</li>
 * </ol>
 * Blank values count as unset; names are case-insensitive. {@code auto} means the available provider with the
 * highest {@link BackendProvider#priority()} (ties broken by name).
 *
 * <h2>Errors</h2>
 * An unknown name, an unavailable backend, or no available backend at all throws one
 * {@link BackendSelectionException} whose message lists every known backend with its availability and reason,
 * and how to choose another. Each provider's {@link BackendProvider#availability()} is asked at most once.
 */
public final class BackendSelector {

    private static final Logger LOG = LoggerFactory.getLogger(BackendSelector.class);

    /** The artifact that provides the always-available backend, named when no backend is on the class path. */
    public static final String REFERENCE_ARTIFACT = "io.cnn4j:cnn4j-backend-cpu-reference";

    /** The pseudo-name meaning "the fastest available backend". */
    public static final String AUTO = "auto";

    private final Map<String, BackendProvider> providers;
    private final SelectionSources sources;
    private final List<String> loadProblems;
    private final Map<String, Availability> availabilityCache = new LinkedHashMap<>();

    /**
     * @param providers    providers by name (the keys are matched case-insensitively)
     * @param sources      where to look for a name when no explicit one is given
     * @param loadProblems providers that failed to load (e.g. a {@link java.util.ServiceConfigurationError}), shown in messages
     */
    public BackendSelector(Map<String, BackendProvider> providers, SelectionSources sources, List<String> loadProblems) {
        Map<String, BackendProvider> byName = new LinkedHashMap<>();
        for (Map.Entry<String, BackendProvider> e : providers.entrySet()) {
            String key = normalizeName(e.getKey());
            if (key == null || key.equals(AUTO))
                throw new IllegalArgumentException("BackendSelector: invalid provider name '" + e.getKey()
                        + "' (" + e.getValue().getClass().getName() + "); names must be non-blank and not '" + AUTO + "'");
            if (byName.put(key, e.getValue()) != null)
                throw new IllegalArgumentException("BackendSelector: two providers are named '" + key + "'");
        }
        this.providers = byName;
        this.sources = sources;
        this.loadProblems = List.copyOf(loadProblems);
    }

    public BackendSelector(Map<String, BackendProvider> providers, SelectionSources sources) {
        this(providers, sources, List.of());
    }

    // ------------------------------------------------------------------ resolving the requested name

    /** The requested name and its origin, by the precedence above; never null ({@code auto} from "default" at worst). */
    public BackendRequest request(String explicitOrNull) {
        return request(explicitOrNull, "--backend argument");
    }

    /**
     * As {@link #request(String)}, naming {@code option} (e.g. "--backends argument") as the origin of an explicit
     * name, so messages point at the setting the user actually wrote.
     */
    public BackendRequest request(String explicitOrNull, String option) {
        String explicit = normalizeName(explicitOrNull);
        if (explicit != null) return new BackendRequest(explicit, option);
        String prop = normalizeName(sources.systemProperty().apply(SelectionSources.SYSTEM_PROPERTY));
        if (prop != null) return new BackendRequest(prop, "system property " + SelectionSources.SYSTEM_PROPERTY);
        String env = normalizeName(sources.environment().apply(SelectionSources.ENVIRONMENT_VARIABLE));
        if (env != null) return new BackendRequest(env, "environment variable " + SelectionSources.ENVIRONMENT_VARIABLE);
        for (Path file : sources.propertiesFiles()) {
            String fromFile = normalizeName(readBackendKey(file));
            if (fromFile != null) return new BackendRequest(fromFile, "file " + file.toAbsolutePath().normalize());
        }
        return new BackendRequest(AUTO, "default");
    }

    private static String readBackendKey(Path file) {
        if (!Files.isRegularFile(file)) return null;
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new BackendSelectionException("Cannot read backend setting from " + file.toAbsolutePath().normalize()
                    + ": " + e.getMessage() + ". Fix or delete the file, or choose a backend with --backend.", e);
        }
        return p.getProperty(SelectionSources.PROPERTIES_KEY);
    }

    /**
     * The one normalisation of backend names (providers' own names and every requested name): trimmed and
     * lower-cased; null for a null or blank name.
     */
    public static String normalizeName(String name) {
        if (name == null || name.isBlank()) return null;
        return name.trim().toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ what is there

    /** Every known backend, highest priority first (ties by name), with its (cached) availability. */
    public synchronized List<BackendStatus> statuses() {
        List<BackendStatus> out = new ArrayList<>();
        for (Map.Entry<String, BackendProvider> e : providers.entrySet())
            out.add(new BackendStatus(e.getKey(), e.getValue().priority(), availability(e.getKey(), e.getValue())));
        out.sort(Comparator.comparingInt(BackendStatus::priority).reversed().thenComparing(BackendStatus::name));
        return out;
    }

    private Availability availability(String name, BackendProvider p) {
        return availabilityCache.computeIfAbsent(name, k -> {
            try {
                Availability a = p.availability();
                return a != null ? a : Availability.no("provider " + p.getClass().getName() + " returned no availability");
            } catch (RuntimeException | LinkageError e) {
                return Availability.no("availability check failed: " + e);
            }
        });
    }

    /** What {@code auto} picks: the available backend with the highest priority, if any. */
    public Optional<BackendStatus> autoChoice() {
        return statuses().stream().filter(BackendStatus::available).findFirst();
    }

    /** Providers that could not be loaded at all (messages), in discovery order. */
    public List<String> loadProblems() { return loadProblems; }

    /** The names of all known providers (without {@code auto}). */
    public List<String> names() { return statuses().stream().map(BackendStatus::name).toList(); }

    // ------------------------------------------------------------------ choosing

    /** The provider for the requested name (resolved as {@link #request}); throws {@link BackendSelectionException}. */
    public BackendProvider provider(String explicitOrNull) {
        return provider(request(explicitOrNull));
    }

    /** The provider for an already resolved request; throws {@link BackendSelectionException}. */
    public BackendProvider provider(BackendRequest req) {
        if (req.isAuto()) {
            BackendStatus choice = autoChoice().orElseThrow(() -> failure(
                    "No backend is available for " + req + "."));
            return providers.get(choice.name());
        }
        BackendProvider p = providers.get(req.name());
        if (p == null) throw failure("Unknown backend " + req + ".");
        Availability a = availability(req.name(), p);
        if (!a.available()) throw failure("Backend " + req + " is not available here: " + a.reason() + ".");
        return p;
    }

    /** Creates the backend for the requested name; throws {@link BackendSelectionException} if it cannot be chosen or fails to start. */
    public Backend select(String explicitOrNull) {
        return create(request(explicitOrNull));
    }

    /**
     * As {@link #select(String)}, naming {@code option} (e.g. "--backends argument") as the origin of an explicit
     * name in messages, for a command that takes its backend names from an option other than {@code --backend}.
     */
    public Backend select(String explicitOrNull, String option) {
        return create(request(explicitOrNull, option));
    }

    /** Creates the backend for a resolved request and logs the decision at INFO ("'auto' (from default) -&gt; nd4j: ..."). */
    private Backend create(BackendRequest req) {
        BackendProvider p = provider(req);
        try {
            Backend b = p.create();
            if (b == null) throw new IllegalStateException("provider " + p.getClass().getName() + " returned null");
            LOG.info("backend {} -> {}: {}", req, p.name(), availability(p.name(), p).reason());
            return b;
        } catch (RuntimeException | LinkageError e) {
            throw failure("Backend '" + p.name() + "' (requested " + req + ") failed to start: " + e, e);
        }
    }

    // ------------------------------------------------------------------ messages

    /** A multi-line table of every backend and what {@code auto} picks (also the body of every selection error). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        List<BackendStatus> all = statuses();
        if (all.isEmpty()) sb.append("  (no backend provider found on the classpath)\n");
        for (BackendStatus s : all) sb.append("  ").append(s.describe()).append('\n');
        for (String problem : loadProblems) sb.append("  (failed to load) ").append(problem).append('\n');
        sb.append("auto picks: ").append(autoChoice().map(BackendStatus::name).orElse("nothing (no backend is available)"));
        return sb.toString();
    }

    /** How a user chooses a backend, in precedence order. */
    public static String howToChoose() {
        return "Choose a backend with (first wins): --backend NAME, -D" + SelectionSources.SYSTEM_PROPERTY + "=NAME, "
                + "the environment variable " + SelectionSources.ENVIRONMENT_VARIABLE + "=NAME, or a line 'backend=NAME' in "
                + SelectionSources.PROPERTIES_FILE + " (working directory, then ~/.cnn4j/); "
                + "'auto' (the default) picks the available backend with the highest priority.";
    }

    private String loadProblemLines() {
        StringBuilder sb = new StringBuilder();
        for (String problem : loadProblems) sb.append("\n  (failed to load) ").append(problem);
        return sb.toString();
    }

    private BackendSelectionException failure(String headline) { return failure(headline, null); }

    private BackendSelectionException failure(String headline, Throwable cause) {
        String msg = providers.isEmpty()
                ? headline + "\nNo backend is on the class path: add one, e.g. the Maven artifact " + REFERENCE_ARTIFACT
                        + " (pure Java, runs everywhere)" + loadProblemLines()
                : headline + "\nKnown backends:\n" + describe() + "\n" + howToChoose();
        return cause == null ? new BackendSelectionException(msg) : new BackendSelectionException(msg, cause);
    }
}
