package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link MemoryScope} backed by an ND4J workspace: while it is open, every array this thread allocates (results
 * and ND4J's own temporaries) comes from one arena that is reset when the scope closes. After the first cycles the
 * arena has learnt the step's size, so a training step allocates no fresh native memory at all — no malloc, no page
 * faults, no waiting for the garbage collector to free off-heap buffers.
 *
 * <p>Contract (as {@link MemoryScope}): tensors created inside are invalid after {@link #close()} (using one throws
 * {@link IllegalStateException}) unless passed to {@link #keep}, which copies them out at close (into the enclosing
 * scope's arena, or into ordinary memory at the outermost level). Tensors created before the scope are untouched,
 * and in-place updates to them persist. Scopes nest (one workspace per depth) and are per thread.
 */
final class Nd4jMemoryScope implements MemoryScope {
    private static final ThreadLocal<Nd4jMemoryScope> CURRENT = new ThreadLocal<>();

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.OVER_TIME)
            .cyclesBeforeInitialization(1)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.2)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .build();

    private final Nd4jMemoryScope parent;
    private final String id;
    private final MemoryWorkspace workspace;
    private final List<Nd4jTensor> kept = new ArrayList<>();
    private boolean closed;

    private Nd4jMemoryScope(Nd4jMemoryScope parent) {
        this.parent = parent;
        int depth = 0;
        for (Nd4jMemoryScope p = parent; p != null; p = p.parent) depth++;
        this.id = "cnn4j-scope-" + depth;
        this.workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, id);
    }

    static MemoryScope open() {
        Nd4jMemoryScope s = new Nd4jMemoryScope(CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    /** The innermost open scope of this thread, or null. */
    static Nd4jMemoryScope current() { return CURRENT.get(); }

    boolean isClosed() { return closed; }

    @Override
    public Tensor keep(Tensor t) {
        if (t instanceof Nd4jTensor nt && nt.scope() == this) kept.add(nt);
        return t;
    }

    @Override
    public void close() {
        if (closed) return;
        if (CURRENT.get() != this)
            throw new IllegalStateException("nd4j MemoryScope closed out of order: close inner scopes first (use try-with-resources)");
        for (Nd4jTensor t : kept) {
            INDArray a = t.array();
            INDArray moved = parent != null ? a.leverageTo(parent.id) : a.detach();
            t.moveTo(moved, parent);
        }
        kept.clear();
        closed = true;
        workspace.close();
        CURRENT.set(parent);
    }
}
