package io.cnn4j.spark;

import io.cnn4j.examples.distributed.DataParallel;
import io.cnn4j.examples.distributed.GradientExchange;
import io.cnn4j.examples.distributed.ShardGradient;

/** The Spark engine behind {@code --spark} (registered in {@code META-INF/services}). */
public final class SparkDataParallel implements DataParallel {
    @Override
    public GradientExchange open(String master, Integer workers, ShardGradient task) {
        return SparkGradientExchange.start(SparkMaster.parse(master), workers, task);
    }
}
