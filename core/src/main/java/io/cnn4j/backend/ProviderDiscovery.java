package io.cnn4j.backend;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds every {@link BackendProvider} registered with {@link ServiceLoader} (each backend jar lists its provider in
 * {@code META-INF/services/io.cnn4j.backend.BackendProvider}). A provider that fails to load (missing class, a
 * native library that throws in a static initialiser) is recorded as a problem instead of aborting discovery, so
 * the other backends stay usable and the user is told what went wrong.
 *
 * @param providers providers by lower-case name, in discovery order
 * @param problems  one message per provider that could not be loaded or that duplicates a name
 */
public record ProviderDiscovery(Map<String, BackendProvider> providers, List<String> problems) {

    private static final int MAX_PROBLEMS = 64;

    public ProviderDiscovery {
        providers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        problems = List.copyOf(problems);
    }

    /** Loads the providers visible to {@code loader} (the thread's context class loader when null). */
    public static ProviderDiscovery load(ClassLoader loader) {
        ClassLoader cl = loader != null ? loader : Thread.currentThread().getContextClassLoader();
        Map<String, BackendProvider> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class, cl).iterator();
        while (true) {
            try {
                if (!it.hasNext()) break;
                BackendProvider p = it.next();
                String name = BackendSelector.normalizeName(p.name());
                if (name == null || name.equals(BackendSelector.AUTO)) {
                    problems.add(p.getClass().getName() + ": invalid backend name '" + p.name() + "'");
                } else if (found.containsKey(name)) {
                    problems.add(p.getClass().getName() + ": backend name '" + name + "' is already taken by "
                            + found.get(name).getClass().getName() + "; ignored");
                } else {
                    found.put(name, p);
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(String.valueOf(e.getMessage() != null ? e.getMessage() : e));
                if (problems.size() > MAX_PROBLEMS) break; // guard against an iterator that keeps failing on one entry
            }
        }
        return new ProviderDiscovery(found, problems);
    }

    /** {@link #load(ClassLoader)} with the thread's context class loader. */
    public static ProviderDiscovery load() { return load(null); }
}
