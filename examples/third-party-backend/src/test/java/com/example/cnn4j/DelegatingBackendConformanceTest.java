package com.example.cnn4j;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.tck.BackendConformance;
import io.cnn4j.tensor.Backend;

/** The whole conformance kit on {@link DelegatingBackend}: one method to implement, JUnit runs every inherited test. */
class DelegatingBackendConformanceTest implements BackendConformance {
    private static final Backend BACKEND = new DelegatingBackend(new ReferenceBackend());

    @Override
    public Backend backendUnderTest() { return BACKEND; }
}
