package io.cnn4j.optim;

/**
 * {@code torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max, eta_min=0)} in its closed form:
 * {@code lr(t) = eta_min + (base_lr - eta_min)·(1 + cos(π·t/T_max))/2}, so lr(0) = base_lr and lr(T_max) = eta_min.
 * (PyTorch's recursive form agrees up to rounding for t ≤ T_max.)
 */
public class CosineAnnealingLR implements LRScheduler {
    private final Optimizer optimizer;
    private final int tMax;
    private final double etaMin, baseLr;
    private int t;

    public CosineAnnealingLR(Optimizer optimizer, int tMax) { this(optimizer, tMax, 0.0); }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        if (optimizer == null) throw new IllegalArgumentException("CosineAnnealingLR: optimizer is null");
        if (tMax < 1) throw new IllegalArgumentException("CosineAnnealingLR: T_max must be >= 1, got " + tMax);
        if (!(etaMin >= 0)) throw new IllegalArgumentException("CosineAnnealingLR: eta_min must be >= 0, got " + etaMin);
        this.optimizer = optimizer;
        this.tMax = tMax;
        this.etaMin = etaMin;
        this.baseLr = optimizer.lr();
    }

    /** The lr the closed form gives at counter {@code t}. */
    public double lrAt(int t) {
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
    }

    @Override
    public void step() { setLastEpoch(t + 1); }

    @Override
    public int lastEpoch() { return t; }

    @Override
    public void setLastEpoch(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("CosineAnnealingLR: epoch must be >= 0, got " + epoch);
        t = epoch;
        optimizer.setLr(lrAt(t));
    }

    @Override
    public double lr() { return lrAt(t); }

    public double baseLr() { return baseLr; }

    @Override
    public String toString() { return "CosineAnnealingLR(T_max=" + tMax + ", eta_min=" + etaMin + ", base_lr=" + baseLr + ")"; }
}
