package io.cnn4j.benchmarks;

import io.cnn4j.backend.nd4j.Nd4jBackend;
import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.tensor.Backend;
import org.bytedeco.javacpp.Pointer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Long-run memory check (not part of the test run): trains the seed network for {@code steps} steps (default
 * 10,000, batch 32) and samples, every {@code every} steps, the heap in use after a full GC, the process RSS
 * ({@code /proc/self/status} VmRSS), ND4J's off-heap accounting ({@code MemoryManager.allocatedMemory(0)}) and
 * JavaCPP's {@code Pointer.physicalBytes()}. Verdict: after warm-up (the first sample at or past {@code warmup}
 * steps) heap, off-heap and RSS must not grow by more than {@code max(10 %, 64 MiB)} to the end.
 *
 * <pre>java -cp ... io.cnn4j.benchmarks.SeedNetMemoryCheck [steps=10000] [backend=nd4j] [every=500] [warmup=1000] [scope=true]</pre>
 * {@code scope=false} trains without {@code MemoryScope}s (buffers freed only by the garbage collector).
 */
public final class SeedNetMemoryCheck {
    private SeedNetMemoryCheck() {}

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String backendName = args.length > 1 ? args[1] : "nd4j";
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        boolean scope = args.length <= 4 || Boolean.parseBoolean(args[4]);
        Backend backend = backendName.equals("nd4j") ? new Nd4jBackend() : new ReferenceBackend();
        SeedStep net = new SeedStep(backend, 32, 42, scope);
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.out.printf("%8s %10s %12s %12s %12s %10s %10s%n", "step", "loss", "heapMiB", "offHeapMiB", "physMiB", "rssMiB", "ms/step");
        long[] base = null;
        long[] last = null;
        long t0 = System.nanoTime();
        for (int s = 1; s <= steps; s++) {
            double loss = net.step();
            if (s % every == 0 || s == steps) {
                double msPerStep = (System.nanoTime() - t0) / 1e6 / every;
                System.gc();
                Thread.sleep(50);
                long heap = mem.getHeapMemoryUsage().getUsed();
                long off = offHeapBytes(backendName), phys = Pointer.physicalBytes(), rss = rssBytes();
                System.out.printf("%8d %10.6f %12.1f %12.1f %12.1f %10.1f %10.2f%n", s, loss, mib(heap), mib(off), mib(phys), mib(rss), msPerStep);
                last = new long[]{heap, off, rss};
                if (base == null && s >= warmup) base = last;
                t0 = System.nanoTime();
            }
        }
        if (base == null) base = last;
        String[] names = {"heap", "off-heap (ND4J)", "RSS"};
        boolean ok = true;
        for (int i = 0; i < 3; i++) {
            long growth = last[i] - base[i];
            long allowed = Math.max(base[i] / 10, 64L << 20);
            boolean flat = growth <= allowed;
            ok &= flat;
            System.out.printf("%-20s after warm-up %8.1f MiB, at end %8.1f MiB, growth %+8.1f MiB (allowed %.1f) %s%n",
                    names[i], mib(base[i]), mib(last[i]), mib(growth), mib(allowed), flat ? "FLAT" : "GROWING");
        }
        System.out.println(ok ? "memory check: PASS" : "memory check: FAIL");
        System.exit(ok ? 0 : 1);
    }

    /** Bytes ND4J's memory manager reports as allocated off-heap on the host (0 for the reference backend). */
    private static long offHeapBytes(String backend) {
        if (!backend.equals("nd4j")) return 0;
        return org.nd4j.linalg.factory.Nd4j.getMemoryManager().allocatedMemory(0);
    }

    private static double mib(long b) { return b / 1048576.0; }

    private static long rssBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status")))
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        return -1;
    }
}
