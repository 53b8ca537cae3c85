package io.cnn4j.optim;

/**
 * {@code torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr, total_steps, pct_start=0.3, anneal_strategy='cos',
 * cycle_momentum=False, div_factor=25, final_div_factor=1e4)} (two phases, cosine annealing): the lr rises from
 * {@code max_lr/div_factor} to {@code max_lr} until step {@code pct_start·total_steps − 1}, then falls to
 * {@code max_lr/(div_factor·final_div_factor)} at step {@code total_steps − 1}; within a phase running from lr a at
 * step s0 to lr b at step s1, {@code lr(t) = b + (a − b)·(1 + cos(π·(t − s0)/(s1 − s0)))/2}. Momentum is not cycled
 * (PyTorch's default {@code cycle_momentum=True} also cycles SGD's momentum / Adam's β1; pass
 * {@code cycle_momentum=False} there to compare). The optimizer's own lr is ignored, as in PyTorch.
 */
public class OneCycleLR extends ClosedFormScheduler {
    private final double maxLr, initialLr, minLr, pctStart;
    private final int totalSteps;

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) { this(optimizer, maxLr, totalSteps, 0.3, 25, 1e4); }

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart, double divFactor, double finalDivFactor) {
        super("OneCycleLR", optimizer);
        if (!(maxLr > 0)) throw new IllegalArgumentException("OneCycleLR: max_lr must be > 0, got " + maxLr);
        if (totalSteps < 2) throw new IllegalArgumentException("OneCycleLR: total_steps must be >= 2, got " + totalSteps);
        if (!(pctStart > 0 && pctStart < 1)) throw new IllegalArgumentException("OneCycleLR: pct_start must be in (0, 1), got " + pctStart);
        if (!(divFactor > 0 && finalDivFactor > 0))
            throw new IllegalArgumentException("OneCycleLR: div_factor and final_div_factor must be > 0, got " + divFactor + ", " + finalDivFactor);
        this.maxLr = maxLr;
        this.totalSteps = totalSteps;
        this.pctStart = pctStart;
        this.initialLr = maxLr / divFactor;
        this.minLr = initialLr / finalDivFactor;
        start();
    }

    @Override
    public double lrAt(int t) {
        if (t > totalSteps)
            throw new IllegalStateException(this + ": tried to step " + t + " times, but total_steps is " + totalSteps
                    + "; construct it with total_steps = the number of optimizer steps");
        double end1 = pctStart * totalSteps - 1, end2 = totalSteps - 1;
        if (t <= end1) return anneal(initialLr, maxLr, t / end1);
        return anneal(maxLr, minLr, (t - end1) / (end2 - end1));
    }

    private static double anneal(double from, double to, double pct) { return to + (from - to) / 2 * (Math.cos(Math.PI * pct) + 1); }

    @Override
    public String toString() { return "OneCycleLR(max_lr=" + maxLr + ", total_steps=" + totalSteps + ", pct_start=" + pctStart + ")"; }
}
