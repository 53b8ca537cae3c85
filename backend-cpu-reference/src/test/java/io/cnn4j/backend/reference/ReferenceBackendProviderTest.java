package io.cnn4j.backend.reference;

import io.cnn4j.backend.BackendProvider;
import io.cnn4j.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceBackendProviderTest {

    @Test
    void isFoundByServiceLoaderAndCreatesTheBackend() {
        BackendProvider found = null;
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) if (p.name().equals("reference")) found = p;
        assertTrue(found != null, "reference provider registered in META-INF/services");
        assertEquals(100, found.priority());
        assertTrue(found.availability().available(), found.availability().reason());
        assertEquals("reference", found.create().name());
    }

    @Test
    void tensorsOfAnotherBackendInstanceAreRejected() {
        ReferenceBackend other = new ReferenceBackend();
        Check.rejects(() -> Check.B.unary(io.cnn4j.tensor.UnaryOp.NEG, other.zeros(DType.FLOAT32, 1)), "NEG", "reference");
    }
}
