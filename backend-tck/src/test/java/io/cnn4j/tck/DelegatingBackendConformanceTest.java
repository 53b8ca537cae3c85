package io.cnn4j.tck;

import io.cnn4j.backend.BackendProvider;
import io.cnn4j.tensor.Backend;
import org.junit.jupiter.api.AfterAll;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the walk-through of docs/writing-a-backend.md: a backend found through its
 * {@link BackendProvider} registration passes the whole kit by implementing one method, and the kit really
 * exercised its primitives (call counts checked after all tests).
 */
class DelegatingBackendConformanceTest implements BackendConformance {

    private static final DelegatingBackend BACKEND = load();

    private static DelegatingBackend load() {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class))
            if (p.name().equals("delegating") && p.availability().available()) return (DelegatingBackend) p.create();
        throw new AssertionError("DelegatingBackendProvider is not registered in META-INF/services/io.cnn4j.backend.BackendProvider");
    }

    @Override
    public Backend backendUnderTest() { return BACKEND; }

    @AfterAll
    static void everyPrimitiveWasExercised() {
        Map<String, Long> counts = BACKEND.callCounts();
        for (String op : List.of("zeros", "fromArray", "toDoubleArray", "toFloatArray", "reshape", "permute", "cast", "slice", "concat",
                "matmul", "unfold", "fold", "unary", "binary", "binaryScalar", "sum", "max", "scatter", "axpy", "fill", "copy"))
            assertTrue(counts.getOrDefault(op, 0L) > 0, "the kit never called " + op + " on the backend under test; calls: " + counts);
    }
}
