package io.cnn4j.tck;

/**
 * The whole conformance kit. A backend module adds {@code backend-tck} as a test dependency and writes one class:
 * <pre>{@code
 * class MyBackendConformanceTest implements BackendConformance {
 *     public Backend backendUnderTest() { return new MyBackend(); }
 * }
 * }</pre>
 * and JUnit runs every inherited test: primitives and layers against the reference backend, adjoint identities,
 * finite-difference gradient checks, the PyTorch golden vectors, the bad-input contract, fused operations equal to
 * their composite definitions, that every tensor a primitive returns belongs to the backend under test, and that
 * inference mode is safe for concurrent use of one model.
 */
public interface BackendConformance extends
        PrimitiveConformance,
        PrimitiveErrorContract,
        TensorOwnershipConformance,
        AdjointnessConformance,
        LayerAdjointnessConformance,
        LayerConformance,
        GradientConformance,
        BadInputConformance,
        GoldenVectorConformance,
        FusedOperationConformance,
        InferenceModeConformance {
}
