package io.cnn4j.backend;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import io.cnn4j.tensor.Backend;

/**
 * Static entry points for code that does not use Guice.
 * <pre>{@code
 * Backend b = Backends.select(null);        // cnn4j.backend / CNN4J_BACKEND / cnn4j.properties / auto
 * Backend r = Backends.select("reference"); // explicit name wins
 * }</pre>
 * Both go through the same {@link BackendSelector} rules as {@link BackendModule}.
 */
public final class Backends {
    private Backends() {}

    /** A selector over the {@link java.util.ServiceLoader} providers and the real system sources. */
    public static BackendSelector selector() {
        ProviderDiscovery d = ProviderDiscovery.load();
        return new BackendSelector(d.providers(), SelectionSources.system(), d.problems());
    }

    /**
     * Creates the backend named {@code explicitOrNull}, or the one configured by system property, environment,
     * properties file or {@code auto} when it is null or blank.
     *
     * @throws BackendSelectionException with a message listing every backend when the name is unknown or unavailable
     */
    public static Backend select(String explicitOrNull) {
        return selector().select(explicitOrNull);
    }

    /**
     * Finds the {@link BackendSelectionException} inside a Guice {@link ProvisionException} or
     * {@link CreationException}, so a caller can print the clear message instead of Guice's wrapper; returns
     * {@code t} itself when there is none.
     */
    public static RuntimeException unwrap(RuntimeException t) {
        Throwable c = t;
        while (c != null) {
            if (c instanceof BackendSelectionException bse) return bse;
            if (c instanceof ProvisionException pe) {
                for (Message m : pe.getErrorMessages())
                    if (m.getCause() instanceof BackendSelectionException bse) return bse;
            }
            if (c instanceof CreationException ce) {
                for (Message m : ce.getErrorMessages())
                    if (m.getCause() instanceof BackendSelectionException bse) return bse;
            }
            c = c.getCause();
        }
        return t;
    }
}
