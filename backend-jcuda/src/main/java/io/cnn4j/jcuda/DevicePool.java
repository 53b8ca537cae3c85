package io.cnn4j.jcuda;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A pooled device allocator with one free list per {@link SizeClasses size class}. {@link #acquire} reuses a
 * freed block of the request's class when there is one and calls the raw allocator only otherwise;
 * {@link #release} puts the block back on its list. After warm-up a training loop with a fixed shape allocates
 * nothing new: device memory stays flat.
 *
 * <p>When the raw allocator reports out-of-memory the pool frees every cached block and retries once, then
 * asks the caller's {@code onOutOfMemory} hook (the backend runs the GC so that {@link java.lang.ref.Cleaner}
 * can return unreachable tensors) and retries a few more times before throwing.
 *
 * <p>Thread-safe: tensors are released from the Cleaner thread and from any thread closing a scope.
 * Releasing only returns a block to a list; it needs no CUDA call, so any thread may do it. Reuse is safe
 * because every kernel and copy runs on the one legacy default stream, in order.
 */
final class DevicePool<H> {

    /** A block handed out by the pool: the handle, its class and usable size. */
    record Block<H>(H handle, int sizeClass, long bytes) {}

    private final RawDeviceMemory<H> raw;
    private final Runnable onOutOfMemory;
    private final ArrayDeque<H>[] free;
    private long bytesInUse, bytesCached, rawAllocations, rawFrees, acquires;

    @SuppressWarnings("unchecked")
    DevicePool(RawDeviceMemory<H> raw, Runnable onOutOfMemory) {
        this.raw = raw;
        this.onOutOfMemory = onOutOfMemory;
        this.free = new ArrayDeque[SizeClasses.classOf(Long.MAX_VALUE / 2) + 1];
    }

    /** A block of at least {@code bytes ≥ 1} bytes. Throws {@link CudaException} when the device is out of memory. */
    Block<H> acquire(long bytes) {
        int c = SizeClasses.classOf(bytes);
        long size = SizeClasses.sizeOf(c);
        synchronized (this) {
            acquires++;
            ArrayDeque<H> list = free[c];
            if (list != null && !list.isEmpty()) {
                bytesCached -= size;
                bytesInUse += size;
                return new Block<>(list.pop(), c, size);
            }
        }
        H h = allocateRaw(size);
        for (int attempt = 0; h == null && attempt < 3; attempt++) {
            trim();
            onOutOfMemory.run();
            h = allocateRaw(size);
        }
        if (h == null)
            throw new CudaException("device out of memory allocating " + size + " bytes (request " + bytes + "); in use "
                    + bytesInUse() + " bytes in pooled tensors. Close tensors or use Backend.scope() per training step, or use a smaller batch");
        synchronized (this) {
            bytesInUse += size;
        }
        return new Block<>(h, c, size);
    }

    private H allocateRaw(long size) {
        H h = raw.allocate(size);
        if (h == null) {
            trim();
            h = raw.allocate(size);
        }
        if (h != null) synchronized (this) { rawAllocations++; }
        return h;
    }

    /** Returns a block to its free list. */
    synchronized void release(Block<H> b) {
        ArrayDeque<H> list = free[b.sizeClass()];
        if (list == null) free[b.sizeClass()] = list = new ArrayDeque<>();
        list.push(b.handle());
        bytesInUse -= b.bytes();
        bytesCached += b.bytes();
    }

    /** Frees every cached (unused) block back to the device. */
    synchronized void trim() {
        for (int c = 0; c < free.length; c++) {
            ArrayDeque<H> list = free[c];
            if (list == null) continue;
            while (!list.isEmpty()) {
                raw.free(list.pop());
                rawFrees++;
                bytesCached -= SizeClasses.sizeOf(c);
            }
        }
    }

    synchronized long bytesInUse() { return bytesInUse; }
    synchronized long bytesCached() { return bytesCached; }
    /** How many times the raw allocator was called successfully (cuMemAlloc count). */
    synchronized long rawAllocations() { return rawAllocations; }
    synchronized long rawFrees() { return rawFrees; }
    synchronized long acquires() { return acquires; }

    @Override
    public synchronized String toString() {
        return "DevicePool[inUse=" + bytesInUse + " B, cached=" + bytesCached + " B, cuMemAlloc calls=" + rawAllocations
                + ", cuMemFree calls=" + rawFrees + ", acquires=" + acquires + ", classes=" + Arrays.stream(free).filter(l -> l != null && !l.isEmpty()).count() + "]";
    }
}
