package io.cnn4j.spark;

import org.apache.spark.api.java.function.Function2;

/** Element-wise sum of two task results of the same layout, into the left one (Spark's tree reduction combiner). */
final class GradientSum implements Function2<double[], double[], double[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public double[] call(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalStateException("task results of different lengths: " + a.length + " and " + b.length);
        for (int i = 0; i < a.length; i++) a[i] += b[i];
        return a;
    }
}
