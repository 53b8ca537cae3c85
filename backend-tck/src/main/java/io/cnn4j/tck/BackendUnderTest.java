package io.cnn4j.tck;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.tensor.Backend;

/**
 * The one thing a backend supplies to inherit the conformance kit: the backend to test. Every contract
 * interface of the kit extends this one; {@link BackendConformance} extends them all.
 *
 * <p>Results are compared with {@link #referenceBackend()}, the pure-Java executable specification. When the
 * backend under test <em>is</em> the reference backend, comparisons with itself prove nothing and are skipped;
 * the self-contained checks (adjointness, finite-difference gradients, golden vectors, bad input) still run.
 */
public interface BackendUnderTest {

    /** The backend being tested. Called once per test; may return a shared instance. */
    Backend backendUnderTest();

    /** The oracle the backend is compared with (a shared {@link ReferenceBackend}). */
    default Backend referenceBackend() { return Tck.REFERENCE; }

    /** True when the backend under test is the reference backend itself, so comparing the two is vacuous. */
    default boolean isReferenceItself() { return backendUnderTest().getClass() == ReferenceBackend.class; }
}
