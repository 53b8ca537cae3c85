package io.cnn4j.spark;

import io.cnn4j.examples.distributed.ShardGradient;
import org.apache.spark.api.java.function.Function;

/**
 * Run once per shard before training: builds the executor's replica (selecting the backend there and reading the
 * training data), so that an executor without the requested backend or data fails before the first step with the
 * executor's own reason.
 */
final class ReplicaCheck implements Function<Integer, String> {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private final ShardGradient task;

    ReplicaCheck(String runId, ShardGradient task) {
        this.runId = runId;
        this.task = task;
    }

    @Override
    public String call(Integer shard) {
        return Replicas.get(runId, shard, task).backend().name();
    }
}
