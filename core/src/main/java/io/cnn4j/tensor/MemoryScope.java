package io.cnn4j.tensor;

/**
 * A region (typically one training step) whose temporary tensors a device backend may release when the scope
 * closes. Tensors allocated by the current thread inside the scope are released at {@link #close()}, except
 * those passed to {@link #keep}. Tensors allocated before the scope opened (parameters, gradients, optimizer
 * state, running statistics) are never released by it, and in-place updates to them inside the scope persist.
 *
 * <p>Host backends return a no-op scope; garbage collection is enough for them.
 */
public interface MemoryScope extends AutoCloseable {

    /** Exempts {@code t} from release at close, so it may be used after the scope; returns {@code t}. */
    default Tensor keep(Tensor t) { return t; }

    @Override
    void close();

    /** A scope that releases nothing. */
    static MemoryScope noop() { return () -> {}; }
}
