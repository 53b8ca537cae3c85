package io.cnn4j.backend.nd4j;

import io.cnn4j.tck.BackendConformance;
import io.cnn4j.tensor.Backend;

/** The whole conformance kit with nd4j as the backend under test (compared with the reference backend). */
class Nd4jConformanceTest implements BackendConformance {
    private static final Backend BACKEND = new Nd4jBackend();

    @Override
    public Backend backendUnderTest() { return BACKEND; }
}
