package io.cnn4j.spark;

import io.cnn4j.examples.distributed.GradientExchange;
import io.cnn4j.examples.distributed.ShardGradient;
import io.cnn4j.examples.distributed.Shards;
import io.cnn4j.examples.cli.CliException;
import io.cnn4j.nn.Module;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Synchronous data-parallel gradients on Spark. Per step:
 * <ol>
 *   <li>the driver broadcasts its current parameters and buffers ({@link FlatState#state}, float64);</li>
 *   <li>one Spark task per shard ({@link Shards#bounds} of the step's rows) loads them into its executor's replica and computes its
 *       shard's share of the global-batch gradient ({@link ShardTask});</li>
 *   <li>{@code treeReduce} (Spark's {@code treeAggregate}) sums the task results, depth 2;</li>
 *   <li>the driver writes the sum into its model's gradients; the caller applies one optimizer step.</li>
 * </ol>
 * Every replica therefore computes with the driver's weights of that step: all replicas are identical by
 * construction. BatchNorm layers normalise with their shard's batch statistics (PyTorch DDP's default); their
 * running statistics come back weighted by shard size, which for the running mean equals the single-process update.
 */
public final class SparkGradientExchange implements GradientExchange {
    private final JavaSparkContext sc;
    private final ShardGradient task;
    private final int workers;
    private final List<Integer> shardIds = new ArrayList<>();
    private final String runId = UUID.randomUUID().toString();
    private final FaultInjection fault = FaultInjection.fromSystemProperty();
    private long steps;
    private double stepSeconds, shardSeconds;
    private long bytesBroadcast, bytesReturned;

    private SparkGradientExchange(JavaSparkContext sc, ShardGradient task, int workers) {
        this.sc = sc;
        this.task = task;
        this.workers = workers;
        for (int i = 0; i < workers; i++) shardIds.add(i);
    }

    /**
     * Connects to {@code master}, splits each batch into {@code workers} shards (null: Spark's default parallelism)
     * and builds a replica per shard on the executors.
     *
     * @throws CliException for an unreachable master, more workers than rows, or executors that cannot build
     *                            the replica (for example without the requested backend)
     */
    static SparkGradientExchange start(SparkMaster master, Integer workers, ShardGradient task) {
        if (workers != null) Shards.check(task.batch(), workers);
        master.requireReachable();
        JavaSparkContext sc = new JavaSparkContext(conf(master));
        try {
            int k = workers != null ? workers : master.local() ? master.parallelism() : sc.defaultParallelism();
            Shards.check(task.batch(), Math.min(k, task.batch()));
            SparkGradientExchange ex = new SparkGradientExchange(sc, task, Math.min(k, task.batch()));
            ex.checkReplicas();
            return ex;
        } catch (RuntimeException e) {
            sc.stop();
            throw e;
        }
    }

    /** Spark settings: the {@code spark.*} system properties win; these are defaults for a quiet command-line run. */
    static SparkConf conf(SparkMaster master) {
        SparkConf conf = new SparkConf().setMaster(master.sparkMaster());
        conf.setIfMissing("spark.app.name", "cnn4j");
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.task.maxFailures", Integer.toString(SparkMaster.TASK_ATTEMPTS));
        // Weights are incompressible doubles: LZ4 on every broadcast costs CPU and saves no bytes.
        conf.setIfMissing("spark.broadcast.compress", "false");
        // Executors of a standalone cluster need cnn4j's classes: by default they use this JVM's class path, which
        // works where the workers see the same paths (one machine, a shared install); spark.jars overrides it.
        if (!master.local() && !conf.contains("spark.jars") && !conf.contains("spark.executor.extraClassPath"))
            conf.set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        return conf;
    }

    private void checkReplicas() {
        try {
            sc.parallelize(shardIds, workers).map(new ReplicaCheck(runId, task)).collect();
        } catch (Exception e) { // SparkException is checked in Java's eyes but not declared by the Scala API
            CliException user = userCause(e);
            if (user != null)
                throw new CliException("the Spark executors cannot train this model: " + user.getMessage()
                        + " (on the executors); choose a backend every executor can load with --backend (reference always can)", e);
            throw new IllegalStateException("the Spark executors failed to build the model: " + rootMessage(e), e);
        }
    }

    @Override
    public double gradients(long step, Module model) {
        long t0 = System.nanoTime();
        double[] state = FlatState.state(model);
        Broadcast<double[]> weights = sc.broadcast(state);
        double[] sum;
        try {
            JavaRDD<double[]> shards = sc.parallelize(shardIds, workers).map(new ShardTask(runId, task, weights, step, Shards.bounds(task.rows(step), workers), fault));
            sum = shards.treeReduce(new GradientSum(), 2);
        } catch (Exception e) { // SparkException, see checkReplicas
            CliException user = userCause(e);
            if (user != null) throw new CliException("step " + (step + 1) + " on Spark: " + user.getMessage(), e);
            throw new IllegalStateException("Spark could not compute step " + (step + 1) + " after " + SparkMaster.TASK_ATTEMPTS
                    + " attempts per task: " + rootMessage(e) + "; a run with checkpoints continues from its last one with --resume", e);
        } finally {
            weights.destroy();
        }
        int n = sum.length - ShardTask.EXTRA;
        FlatState.loadGradientsAndBuffers(model, sum);
        steps++;
        shardSeconds += sum[n + 1] / workers;
        stepSeconds += (System.nanoTime() - t0) / 1e9;
        bytesBroadcast += 8L * state.length;
        bytesReturned += 8L * sum.length * workers;
        return sum[n];
    }

    /** A user error (bad backend, unreadable data) raised on an executor, or null. */
    private static CliException userCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof CliException || t instanceof IllegalArgumentException) return new CliException(firstLine(t.getMessage()).strip());
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return firstLine(t.getMessage() == null ? t.toString() : t.getMessage());
    }

    /** Messages that list details on further lines (backend selection does) are reported by their first line. */
    private static String firstLine(String m) {
        if (m == null) return "";
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Measured so far: steps, mean step seconds at the driver, mean per-shard compute seconds, bytes per step. */
    public String statistics() {
        return String.format(Locale.ROOT, "%d steps, %.4f s/step, %.4f s shard compute/step, %d B broadcast + %d B task results per step",
                steps, stepSeconds / Math.max(1, steps), shardSeconds / Math.max(1, steps), bytesBroadcast / Math.max(1, steps),
                bytesReturned / Math.max(1, steps));
    }

    /** Mean wall seconds of a step at the driver (broadcast, tasks, reduction). */
    public double meanStepSeconds() { return stepSeconds / Math.max(1, steps); }

    /** Mean compute seconds of one shard task (replica load, forward, backward, flattening). */
    public double meanShardSeconds() { return shardSeconds / Math.max(1, steps); }

    @Override
    public void close() {
        Replicas.release(runId);
        sc.stop();
    }
}
