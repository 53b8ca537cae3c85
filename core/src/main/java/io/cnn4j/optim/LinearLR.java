package io.cnn4j.optim;

/**
 * {@code torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=1/3, end_factor=1.0, total_iters=5)}, the usual
 * linear warm-up: {@code lr(t) = base_lr · (start + (end − start) · min(t, total_iters) / total_iters)}.
 */
public class LinearLR extends ClosedFormScheduler {
    private final double startFactor, endFactor;
    private final int totalIters;

    /** A warm-up from {@code startFactor}·lr to lr over {@code totalIters} steps. */
    public LinearLR(Optimizer optimizer, double startFactor, int totalIters) { this(optimizer, startFactor, 1.0, totalIters); }

    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super("LinearLR", optimizer);
        if (!(startFactor > 0 && startFactor <= 1))
            throw new IllegalArgumentException("LinearLR: start_factor must be in (0, 1], got " + startFactor);
        if (!(endFactor >= 0 && endFactor <= 1)) throw new IllegalArgumentException("LinearLR: end_factor must be in [0, 1], got " + endFactor);
        if (totalIters < 1) throw new IllegalArgumentException("LinearLR: total_iters must be >= 1, got " + totalIters);
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        start();
    }

    @Override
    public double lrAt(int t) {
        return baseLr * (startFactor + (endFactor - startFactor) * Math.min(t, totalIters) / totalIters);
    }

    @Override
    public String toString() { return "LinearLR(start_factor=" + startFactor + ", end_factor=" + endFactor + ", total_iters=" + totalIters + ")"; }
}
