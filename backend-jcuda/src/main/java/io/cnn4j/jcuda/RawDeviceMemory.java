package io.cnn4j.jcuda;

/**
 * The unpooled allocator under {@link DevicePool}: {@code cuMemAlloc}/{@code cuMemFree} in production
 * ({@link CudaContext}), a counting fake in tests. {@code H} is the handle type (a {@code CUdeviceptr}).
 */
interface RawDeviceMemory<H> {

    /** Allocates {@code bytes}; returns null when the device is out of memory; throws {@link CudaException} otherwise. */
    H allocate(long bytes);

    /** Frees a block from {@link #allocate}. */
    void free(H handle);
}
