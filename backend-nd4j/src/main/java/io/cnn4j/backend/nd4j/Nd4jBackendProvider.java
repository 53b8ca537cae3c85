package io.cnn4j.backend.nd4j;

import io.cnn4j.backend.Availability;
import io.cnn4j.backend.BackendProvider;
import io.cnn4j.tensor.Backend;

/** Registers the ND4J backend as {@code nd4j} (priority 200: above reference, below jcuda). */
public final class Nd4jBackendProvider implements BackendProvider {

    private static volatile Availability cached;

    @Override public String name() { return "nd4j"; }

    @Override public int priority() { return 200; }

    /** Available when ND4J's natives load; any failure (missing classifier jar, unsupported CPU, ...) is the reason. */
    @Override
    public Availability availability() {
        Availability a = cached;
        if (a != null) return a;
        synchronized (Nd4jBackendProvider.class) {
            if (cached != null) return cached;
            try {
                Nd4jRuntime.init();
                String backend = org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName();
                int threads = Nd4jRuntime.threads();
                cached = Availability.yes("ND4J " + backend + ", " + threads + (threads == 1 ? " thread" : " threads"));
            } catch (Throwable t) {
                Throwable root = t;
                while (root.getCause() != null && root.getCause() != root) root = root.getCause();
                cached = Availability.no("ND4J natives failed to load (" + root.getClass().getSimpleName() + ": " + root.getMessage()
                        + "); check that the nd4j-native classifier jar for this platform is on the class path");
            }
            return cached;
        }
    }

    @Override
    public Backend create() {
        Availability a = availability();
        if (!a.available()) throw new IllegalStateException("nd4j backend is not available: " + a.reason());
        return new Nd4jBackend();
    }
}
