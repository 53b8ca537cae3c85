package io.cnn4j.jcuda;

/**
 * Grid and block dimensions of one kernel launch. Named in every {@link CudaException} so a failure says how a
 * kernel was launched, not only which.
 */
record LaunchShape(int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ) {

    /** Threads per block of the one-dimensional (grid-stride) kernels. */
    static final int LINEAR_BLOCK = 256;
    /** Cap on blocks of a grid-stride launch: enough to fill any current GPU, small enough for any grid limit. */
    static final int MAX_LINEAR_BLOCKS = 1 << 16;
    /** CUDA's limit on gridDim.y and gridDim.z. */
    static final int MAX_GRID_YZ = 65535;

    LaunchShape {
        if (gridX < 1 || gridY < 1 || gridZ < 1 || blockX < 1 || blockY < 1 || blockZ < 1)
            throw new IllegalArgumentException("launch shape dimensions must be >= 1: grid=(" + gridX + "," + gridY + "," + gridZ
                    + ") block=(" + blockX + "," + blockY + "," + blockZ + ")");
        if (gridY > MAX_GRID_YZ || gridZ > MAX_GRID_YZ)
            throw new IllegalArgumentException("grid y/z must be <= " + MAX_GRID_YZ + ": grid=(" + gridX + "," + gridY + "," + gridZ + ")");
    }

    /** A grid-stride launch covering {@code n ≥ 1} elements with one thread each (fewer blocks when capped). */
    static LaunchShape linear(long n) {
        if (n < 1) throw new IllegalArgumentException("linear launch over " + n + " elements; skip empty launches");
        long blocks = (n + LINEAR_BLOCK - 1) / LINEAR_BLOCK;
        return new LaunchShape((int) Math.min(blocks, MAX_LINEAR_BLOCKS), 1, 1, LINEAR_BLOCK, 1, 1);
    }

    /** One block of {@code threads} per row, grid-stride over rows beyond the cap. */
    static LaunchShape perRow(long rows, int threads) {
        if (rows < 1) throw new IllegalArgumentException("per-row launch over " + rows + " rows; skip empty launches");
        return new LaunchShape((int) Math.min(rows, MAX_LINEAR_BLOCKS), 1, 1, threads, 1, 1);
    }

    long threads() { return (long) gridX * gridY * gridZ * blockX * blockY * blockZ; }

    @Override
    public String toString() {
        return "grid=(" + gridX + "," + gridY + "," + gridZ + ") block=(" + blockX + "," + blockY + "," + blockZ + ")";
    }
}
