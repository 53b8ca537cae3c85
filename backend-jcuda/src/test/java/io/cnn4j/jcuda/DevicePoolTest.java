package io.cnn4j.jcuda;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The pool's reuse and out-of-memory logic over a fake device (a counting allocator with a capacity). */
class DevicePoolTest {

    /** Handles are integers; allocations beyond the capacity return null (out of memory). */
    static final class FakeDevice implements RawDeviceMemory<Integer> {
        final long capacity;
        long used;
        int next;
        final Set<Integer> live = new HashSet<>();
        final java.util.Map<Integer, Long> sizes = new java.util.HashMap<>();
        int allocations, frees;

        FakeDevice(long capacity) { this.capacity = capacity; }

        @Override public Integer allocate(long bytes) {
            if (used + bytes > capacity) return null;
            used += bytes;
            allocations++;
            live.add(next);
            sizes.put(next, bytes);
            return next++;
        }

        @Override public void free(Integer h) {
            assertTrue(live.remove(h), "double free of " + h);
            used -= sizes.remove(h);
            frees++;
        }
    }

    @Test
    void steadyLoopAllocatesOnlyDuringWarmUp() {
        FakeDevice dev = new FakeDevice(1L << 30);
        DevicePool<Integer> pool = new DevicePool<>(dev, () -> {});
        long[] stepSizes = {4, 1000, 4096, 123_456, 3 * 32 * 32 * 32 * 4, 64 * 12 * 4};
        for (int step = 0; step < 1000; step++) {
            List<DevicePool.Block<Integer>> temps = new ArrayList<>();
            for (long s : stepSizes) temps.add(pool.acquire(s));
            for (DevicePool.Block<Integer> b : temps) pool.release(b);
        }
        assertEquals(stepSizes.length, dev.allocations, "cuMemAlloc only in the first step");
        assertEquals(0, pool.bytesInUse());
        assertEquals(stepSizes.length * 1000L, pool.acquires());
        pool.trim();
        assertEquals(0, dev.used);
        assertEquals(0, pool.bytesCached());
    }

    @Test
    void reusesBlocksOfTheSameClassOnly() {
        FakeDevice dev = new FakeDevice(1L << 30);
        DevicePool<Integer> pool = new DevicePool<>(dev, () -> {});
        DevicePool.Block<Integer> a = pool.acquire(5000);
        pool.release(a);
        DevicePool.Block<Integer> b = pool.acquire(5100);        // same class (5120)
        assertEquals(a.handle(), b.handle());
        DevicePool.Block<Integer> c = pool.acquire(6000);        // next class
        assertNotEquals(a.handle(), c.handle());
        assertEquals(5120 + 6144, pool.bytesInUse());
    }

    @Test
    void outOfMemoryTrimsTheCacheThenAsksForGarbageCollection() {
        FakeDevice dev = new FakeDevice(10_240);
        AtomicInteger gcRequests = new AtomicInteger();
        List<DevicePool.Block<Integer>> leaked = new ArrayList<>();
        DevicePool<Integer>[] holder = new DevicePool[1];
        holder[0] = new DevicePool<>(dev, () -> {
            gcRequests.incrementAndGet();
            for (DevicePool.Block<Integer> b : leaked) holder[0].release(b); // "the Cleaner returned them"
            leaked.clear();
        });
        DevicePool<Integer> pool = holder[0];
        pool.release(pool.acquire(4096));                        // cached, 4096 used on the device
        leaked.add(pool.acquire(5120));                          // in use, 9216 used
        DevicePool.Block<Integer> big = pool.acquire(8192);      // needs trim (frees 4096) and the GC hook (frees 5120)
        assertEquals(8192, big.bytes());
        assertEquals(1, gcRequests.get());
        assertEquals(8192, pool.bytesInUse());
    }

    @Test
    void exhaustedDeviceThrowsWithAdvice() {
        FakeDevice dev = new FakeDevice(4096);
        DevicePool<Integer> pool = new DevicePool<>(dev, () -> {});
        pool.acquire(4096);
        CudaException e = assertThrows(CudaException.class, () -> pool.acquire(4096));
        assertTrue(e.getMessage().contains("out of memory") && e.getMessage().contains("scope"), e.getMessage());
    }

    @Test
    void concurrentReleaseKeepsCountsConsistent() throws Exception {
        FakeDevice dev = new FakeDevice(1L << 40);
        DevicePool<Integer> pool = new DevicePool<>(dev, () -> {});
        List<DevicePool.Block<Integer>> blocks = new ArrayList<>();
        for (int i = 0; i < 2000; i++) blocks.add(pool.acquire(256 + (i % 7) * 1000));
        Thread[] ts = new Thread[4];
        for (int t = 0; t < ts.length; t++) {
            int id = t;
            ts[t] = new Thread(() -> { for (int i = id; i < blocks.size(); i += ts.length) pool.release(blocks.get(i)); });
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        assertEquals(0, pool.bytesInUse());
        pool.trim();
        assertEquals(0, dev.used);
        assertEquals(2000, dev.frees);
    }
}
