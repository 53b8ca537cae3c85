package io.cnn4j.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 started from the Spark jars on this JVM's class path: one master and
 * {@code workers} workers of one core each, each a separate JVM, logging under {@code dir}. There is no Spark
 * distribution: {@code dir/spark-home} stands in for SPARK_HOME (an empty {@code jars} folder); executors get their
 * whole class path from {@code spark.executor.extraClassPath}, which cnn4j sets to the driver's. {@link #close}
 * stops every process it started.
 */
final class StandaloneCluster implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final int port;

    StandaloneCluster(Path dir, int workerCount) throws IOException, InterruptedException {
        port = freePort();
        Path home = Files.createDirectories(dir.resolve("spark-home/jars"));
        try {
            processes.add(start(dir, "master", Map.of(), "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort())));
            awaitPort(port);
            for (int i = 0; i < workerCount; i++) {
                Process w = start(dir, "worker" + i, Map.of("SPARK_HOME", home.getParent().toString(), "SPARK_SCALA_VERSION", "2.13"),
                        "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "1g",
                        "--webui-port", Integer.toString(freePort()), "--work-dir", Files.createDirectories(dir.resolve("work" + i)).toString(),
                        masterUrl());
                processes.add(w);
                workers.add(w);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    String masterUrl() { return "spark://127.0.0.1:" + port; }

    /** Kills worker {@code i} (SIGKILL, as a lost machine); its executor exits when it loses the worker. */
    void killWorker(int i) throws InterruptedException {
        Process w = workers.get(i);
        w.descendants().forEach(ProcessHandle::destroyForcibly);
        w.destroyForcibly();
        w.waitFor(30, TimeUnit.SECONDS);
    }

    private static Process start(Path dir, String name, Map<String, String> env, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) { return s.getLocalPort(); }
    }

    private static void awaitPort(int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                Thread.sleep(500);
            }
        }
        throw new IOException("the Spark master did not open port " + port + " within 120 s");
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
