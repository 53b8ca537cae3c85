package io.cnn4j.tck;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.tensor.Backend;

/**
 * The reference backend runs the kit too. Comparisons with the reference are skipped (they would compare it with
 * itself); adjointness, finite-difference gradients, golden vectors and bad input run for real.
 */
class ReferenceConformanceTest implements BackendConformance {
    private static final Backend BACKEND = new ReferenceBackend();

    @Override
    public Backend backendUnderTest() { return BACKEND; }
}
