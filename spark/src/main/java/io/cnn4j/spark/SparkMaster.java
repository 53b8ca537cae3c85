package io.cnn4j.spark;

import io.cnn4j.examples.cli.CliException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --spark MASTER} value: {@code local}, {@code local[K]}, {@code local[*]} (an embedded Spark in this
 * JVM) or {@code spark://host:port} (a standalone cluster); any other master (YARN, Kubernetes) only as the one
 * {@code spark-submit --master} was given, which Spark then connects to. Embedded masters run with 4 task attempts
 * ({@code local[K,4]}, Spark's cluster default), so a failed task is retried as it would be on a cluster; Spark's
 * plain {@code local[K]} gives up after the first failure.
 *
 * @param sparkMaster the master URL handed to Spark
 * @param local       whether it is embedded
 * @param parallelism task slots of an embedded master, 0 for a cluster (asked from Spark once connected)
 */
record SparkMaster(String sparkMaster, boolean local, int parallelism) {
    static final int TASK_ATTEMPTS = 4;
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,(\\d+))?\\])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://([^:/]+):(\\d{1,5})");

    static SparkMaster parse(String master) {
        String m = master.trim();
        Matcher l = LOCAL.matcher(m);
        if (l.matches()) {
            int k = l.group(1) == null ? 1 : l.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(l.group(1));
            if (k < 1) throw new CliException("--spark " + master + ": local[K] needs K >= 1");
            int attempts = l.group(2) == null ? TASK_ATTEMPTS : Integer.parseInt(l.group(2));
            return new SparkMaster("local[" + k + "," + attempts + "]", true, k);
        }
        if (STANDALONE.matcher(m).matches()) return new SparkMaster(m, false, 0);
        if (m.equals(System.getProperty("spark.master"))) return new SparkMaster(m, false, 0); // launched by spark-submit --master m
        throw new CliException("--spark '" + master + "' is not a master cnn4j can start: use local[K] (embedded) or spark://host:port "
                + "(standalone cluster); for YARN or Kubernetes launch with spark-submit (docs/spark.md)");
    }

    /** For a standalone master: fails with one clear line unless its port accepts a connection within 5 s. */
    void requireReachable() {
        if (local) return;
        Matcher s = STANDALONE.matcher(sparkMaster);
        if (!s.matches()) return;
        String host = s.group(1);
        int port = Integer.parseInt(s.group(2));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
        } catch (IOException e) {
            throw new CliException("cannot reach the Spark master " + sparkMaster + " (" + e.getMessage()
                    + "); start it (sbin/start-master.sh) or fix the host:port given to --spark");
        }
    }
}
