package io.cnn4j.backend;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import io.cnn4j.tensor.Backend;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Guice wiring for backend selection.
 *
 * <p>Binds every discovered {@link BackendProvider} into a {@code MapBinder<String, BackendProvider>} keyed by
 * name (other modules may add providers to the same map), and provides a singleton {@link BackendSelector} and
 * the selected {@link Backend}:
 * <pre>{@code
 * Injector injector = Guice.createInjector(new BackendModule(cliBackendOrNull));
 * Backend backend = injector.getInstance(Backend.class);          // or @Inject Backend backend;
 * }</pre>
 * The name is resolved as {@link BackendSelector} documents (explicit &gt; {@code cnn4j.backend} &gt;
 * {@code CNN4J_BACKEND} &gt; {@code cnn4j.properties} &gt; {@code auto}). Resolution and creation happen when the
 * {@link Backend} is first injected; a bad choice throws a {@link com.google.inject.ProvisionException} whose
 * cause is the {@link BackendSelectionException} (use {@link Backends#unwrap} to get the clear message).
 */
public final class BackendModule extends AbstractModule {

    private final Supplier<String> explicitName;
    private final ProviderDiscovery discovery;
    private final SelectionSources sources;

    /** Providers from {@link java.util.ServiceLoader}, real system sources. */
    public BackendModule(String explicitNameOrNull) {
        this(explicitNameOrNull, ProviderDiscovery.load(), SelectionSources.system());
    }

    /** Full control, for tests and embedding: the providers, and where a name is looked up when none is explicit. */
    public BackendModule(String explicitNameOrNull, ProviderDiscovery discovery, SelectionSources sources) {
        this(() -> explicitNameOrNull, discovery, sources);
    }

    private BackendModule(Supplier<String> explicitName, ProviderDiscovery discovery, SelectionSources sources) {
        this.explicitName = explicitName;
        this.discovery = discovery;
        this.sources = sources;
    }

    /**
     * A module whose explicit name is asked for only when the {@link Backend} is first injected: for an application
     * that creates its injector before it knows the name (a CLI builds its commands, then parses {@code --backend}).
     */
    public static BackendModule deferred(Supplier<String> explicitNameOrNull) {
        return new BackendModule(explicitNameOrNull, ProviderDiscovery.load(), SelectionSources.system());
    }

    @Override
    protected void configure() {
        MapBinder<String, BackendProvider> map = MapBinder.newMapBinder(binder(), String.class, BackendProvider.class);
        for (Map.Entry<String, BackendProvider> e : discovery.providers().entrySet())
            map.addBinding(e.getKey()).toInstance(e.getValue());
    }

    @Provides
    @Singleton
    BackendSelector selector(Map<String, BackendProvider> providers) {
        return new BackendSelector(providers, sources, discovery.problems());
    }

    @Provides
    @Singleton
    BackendRequest request(BackendSelector selector) {
        return selector.request(explicitName.get());
    }

    @Provides
    @Singleton
    Backend backend(BackendSelector selector) {
        return selector.select(explicitName.get());
    }

    /** The explicit name this module was configured with (null when none). */
    public String explicitName() { return explicitName.get(); }

    /** Providers that failed to load during discovery (shown by the selector in messages). */
    public List<String> loadProblems() { return discovery.problems(); }
}
