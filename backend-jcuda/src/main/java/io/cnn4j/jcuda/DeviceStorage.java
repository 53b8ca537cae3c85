package io.cnn4j.jcuda;

import jcuda.driver.CUdeviceptr;

/**
 * A pooled device block shared by the tensors that view it (a tensor and its reshapes), reference counted:
 * each viewing tensor holds one reference and gives it back once (on {@code close()}, scope close, or via the
 * Cleaner when it becomes unreachable). The block returns to the {@link DevicePool} when the last one is gone.
 * Empty tensors (0 elements) have no block.
 */
final class DeviceStorage {
    private final DevicePool<CUdeviceptr> pool;
    private final DevicePool.Block<CUdeviceptr> block;
    private int references = 1;

    DeviceStorage(DevicePool<CUdeviceptr> pool, DevicePool.Block<CUdeviceptr> block) {
        this.pool = pool;
        this.block = block;
    }

    static DeviceStorage empty() { return new DeviceStorage(null, null); }

    CUdeviceptr pointer() { return block == null ? new CUdeviceptr() : block.handle(); }

    synchronized void retain() {
        if (references <= 0) throw new IllegalStateException("jcuda: storage already released");
        references++;
    }

    /** Gives one reference back; the last one returns the block to the pool. */
    void release() {
        boolean last;
        synchronized (this) {
            last = --references == 0;
        }
        if (last && block != null) pool.release(block);
    }
}
