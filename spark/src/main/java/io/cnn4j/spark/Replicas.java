package io.cnn4j.spark;

import io.cnn4j.backend.Backends;
import io.cnn4j.examples.distributed.ShardGradient;
import io.cnn4j.nn.Module;
import io.cnn4j.tensor.Backend;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model replicas of one executor JVM, built once per (run, shard) and reused every step, so a step costs the
 * weight download and the shard's forward and backward, not a model construction. Tasks of different shards may
 * run at the same time in one executor (local[K] runs all of them in the driver's JVM), so each shard has its own
 * replica; one shard's tasks never overlap (speculative execution is off).
 */
final class Replicas {
    private Replicas() {}

    /**
     * A replica: the backend the executor selected, the model on it, and the first deserialised copy of the run's
     * gradient task, which keeps what it loaded (the training photos) for the later steps.
     */
    record Replica(Backend backend, Module model, ShardGradient task) {}

    private static final Map<String, Replica> BY_KEY = new ConcurrentHashMap<>();

    static Replica get(String runId, int shard, ShardGradient task) {
        return BY_KEY.computeIfAbsent(runId + "/" + shard, k -> {
            Backend backend = Backends.select(task.backendName());
            return new Replica(backend, task.createModel(backend), task);
        });
    }

    /** Drops this JVM's replicas of a finished run. */
    static void release(String runId) { BY_KEY.keySet().removeIf(k -> k.startsWith(runId + "/")); }
}
