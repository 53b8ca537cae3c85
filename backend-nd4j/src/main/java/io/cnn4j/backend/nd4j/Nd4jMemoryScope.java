package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Deterministic release of a step's temporaries: every tensor the backend creates on this thread while the scope is
 * open is recorded, and at {@link #close()} the native buffers of those not {@link #keep kept} are freed (ND4J
 * {@code INDArray.close()}), instead of waiting for the garbage collector to notice off-heap pressure. Views that
 * share a buffer with a kept tensor are not freed. Scopes nest; a kept tensor moves to the enclosing scope.
 */
final class Nd4jMemoryScope implements MemoryScope {
    private static final ThreadLocal<Nd4jMemoryScope> CURRENT = new ThreadLocal<>();

    private final Nd4jMemoryScope parent;
    private final List<Nd4jTensor> created = new ArrayList<>();
    private final Set<Long> keptBuffers = Collections.newSetFromMap(new java.util.HashMap<>());
    private final Set<Nd4jTensor> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    private Nd4jMemoryScope(Nd4jMemoryScope parent) { this.parent = parent; }

    static MemoryScope open() {
        Nd4jMemoryScope s = new Nd4jMemoryScope(CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    static void track(Nd4jTensor t) {
        Nd4jMemoryScope s = CURRENT.get();
        if (s != null) s.created.add(t);
    }

    @Override
    public Tensor keep(Tensor t) {
        if (t instanceof Nd4jTensor nt) {
            kept.add(nt);
            if (nt.array().length() > 0) keptBuffers.add(nt.array().data().address());
        }
        return t;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (CURRENT.get() == this) CURRENT.set(parent);
        for (Nd4jTensor t : created) {
            if (kept.contains(t)) {
                if (parent != null) parent.created.add(t);
                continue;
            }
            if (t.array().length() > 0 && keptBuffers.contains(t.array().data().address())) continue;
            t.close();
        }
        created.clear();
    }
}
