package io.cnn4j.spark;

import io.cnn4j.examples.distributed.ShardGradient;
import io.cnn4j.tensor.MemoryScope;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * What one Spark task does in one step (runs on an executor): load the broadcast weights into this executor's
 * replica of the shard, compute the shard's share of the global-batch gradient (zero for a shard left empty by a
 * short batch) and return
 * {@code [gradients…, buffers × share…, loss share, compute seconds]} (the layout of {@link FlatState}, two extra slots).
 */
final class ShardTask implements Function<Integer, double[]> {
    private static final long serialVersionUID = 1L;

    /** Slots after the gradient part: the shard's loss share and its compute time in seconds. */
    static final int EXTRA = 2;

    private final String runId;
    private final ShardGradient task;
    private final Broadcast<double[]> state;
    private final long step;
    private final int[] bounds;
    private final FaultInjection fault;

    ShardTask(String runId, ShardGradient task, Broadcast<double[]> state, long step, int[] bounds, FaultInjection fault) {
        this.runId = runId;
        this.task = task;
        this.state = state;
        this.step = step;
        this.bounds = bounds;
        this.fault = fault;
    }

    @Override
    public double[] call(Integer shard) {
        if (fault != null) fault.maybeFail(step, shard, TaskContext.get() == null ? 0 : TaskContext.get().attemptNumber());
        long t0 = System.nanoTime();
        Replicas.Replica r = Replicas.get(runId, shard, task);
        FlatState.loadState(r.model(), state.value());
        int from = bounds[shard], to = bounds[shard + 1];
        double share = (to - from) / (double) bounds[bounds.length - 1];
        double loss = 0;
        double[] out;
        try (MemoryScope scope = r.backend().scope()) {
            r.model().zeroGrad();
            if (to > from) loss = r.task().accumulate(r.model(), r.backend(), step, from, to);
            out = FlatState.gradientsAndBuffers(r.model(), EXTRA);
        }
        int n = out.length - EXTRA, buffers = FlatState.bufferLength(r.model());
        for (int i = n - buffers; i < n; i++) out[i] *= share;
        out[n] = loss;
        out[n + 1] = (System.nanoTime() - t0) / 1e9;
        return out;
    }
}
