package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;

import java.util.SplittableRandom;

/**
 * Where and how a model's parameters are created: the backend, the dtype, and a seeded random stream for
 * initialisation (the role of PyTorch's device, default dtype and global generator). Initial values are drawn
 * on the host from {@link #nextSeed()}-seeded streams, so the same seed gives the same model on every backend.
 */
public final class Context {
    private final Backend backend;
    private final DType dtype;
    private final SplittableRandom rng;

    public Context(Backend backend, DType dtype, long seed) {
        this.backend = backend;
        this.dtype = dtype;
        this.rng = new SplittableRandom(seed);
    }

    public static Context of(Backend backend, DType dtype, long seed) { return new Context(backend, dtype, seed); }

    public Backend backend() { return backend; }

    public DType dtype() { return dtype; }

    /** A fresh seed for one parameter's initialisation; deterministic given the construction order. */
    public long nextSeed() { return rng.nextLong(); }
}
