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
        // Addresses first: several tensors may share one buffer (a tensor and its views).
        long[] address = new long[created.size()];
        for (int i = 0; i < address.length; i++) address[i] = bufferAddress(created.get(i));
        Set<Long> released = new java.util.HashSet<>();
        for (int i = 0; i < address.length; i++) {
            Nd4jTensor t = created.get(i);
            if (kept.contains(t)) {
                if (parent != null) parent.created.add(t);
                continue;
            }
            if (address[i] == 0 || keptBuffers.contains(address[i]) || !t.ownsStorage()) continue;
            if (released.add(address[i])) {
                if (System.getProperty("cnn4j.debugScope") != null) System.err.println("release " + t + " @" + address[i]);
                t.close();
            }
        }
        created.clear();
    }

    /** The base address of {@code t}'s buffer, or 0 when it has none or it was already released. */
    private static long bufferAddress(Nd4jTensor t) {
        if (t.array().length() == 0 || t.array().wasClosed()) return 0;
        try {
            return t.array().data().address();
        } catch (IllegalStateException released) {
            return 0;
        }
    }
}
