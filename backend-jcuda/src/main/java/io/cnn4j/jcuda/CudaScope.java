package io.cnn4j.jcuda;

import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The JCuda {@link MemoryScope}: remembers every tensor the opening thread allocates while this is its innermost
 * open scope, and closes them (returning their blocks to the pool) when the scope closes — except those passed
 * to {@link #keep}, which move to the enclosing scope if there is one (so an outer step scope still frees them)
 * and otherwise live on until closed or collected. Tensors allocated before the scope, or by other threads, are
 * never touched. Scopes nest and must be closed on the opening thread, innermost first.
 */
final class CudaScope implements MemoryScope {
    private final ArrayDeque<CudaScope> stack;
    private final Thread owner = Thread.currentThread();
    private final List<CudaTensor> owned = new ArrayList<>();
    private final Set<Tensor> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    /** Opens a scope on the current thread's stack. */
    CudaScope(ArrayDeque<CudaScope> threadStack) {
        this.stack = threadStack;
        stack.push(this);
    }

    void register(CudaTensor t) { owned.add(t); }

    int size() { return owned.size(); }

    @Override
    public Tensor keep(Tensor t) {
        kept.add(t);
        return t;
    }

    @Override
    public void close() {
        if (closed) return;
        if (Thread.currentThread() != owner)
            throw new IllegalStateException("jcuda: a MemoryScope must be closed by the thread that opened it (" + owner.getName() + ")");
        if (stack.peek() != this)
            throw new IllegalStateException("jcuda: MemoryScopes must be closed innermost first (use try-with-resources)");
        closed = true;
        stack.pop();
        CudaScope parent = stack.peek();
        for (CudaTensor t : owned) {
            if (kept.contains(t)) {
                if (parent != null) parent.register(t);
            } else {
                t.close();
            }
        }
        owned.clear();
        kept.clear();
    }
}
