package io.cnn4j.optim;

/**
 * {@code torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr, total_steps, pct_start=0.3, anneal_strategy='cos',
 * cycle_momentum=True, base_momentum=0.85, max_momentum=0.95, div_factor=25, final_div_factor=1e4)} (two phases,
 * cosine annealing):
 * <ul>
 *   <li>the lr rises from {@code max_lr/div_factor} to {@code max_lr} until step {@code pct_start·total_steps − 1},
 *       then falls to {@code max_lr/(div_factor·final_div_factor)} at step {@code total_steps − 1};</li>
 *   <li>with {@code cycle_momentum} (the default, as PyTorch) the momentum moves inversely: from {@code max_momentum}
 *       down to {@code base_momentum} in the first phase and back up in the second. It is SGD's {@code momentum} or
 *       Adam's / AdamW's β1 ({@link MomentumOptimizer}); an SGD constructed without momentum is rejected (pass
 *       {@code cycleMomentum = false}).</li>
 * </ul>
 * Within a phase running from value a at step s0 to value b at step s1,
 * {@code v(t) = b + (a − b)·(1 + cos(π·(t − s0)/(s1 − s0)))/2}. The optimizer's own lr (and momentum) are ignored, as in
 * PyTorch.
 */
public class OneCycleLR extends ClosedFormScheduler {
    private final double maxLr, initialLr, minLr, pctStart, baseMomentum, maxMomentum;
    private final int totalSteps;
    private final MomentumOptimizer momentumTarget;   // null without cycle_momentum

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, maxLr, totalSteps, 0.3, true, 0.85, 0.95, 25, 1e4);
    }

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart, boolean cycleMomentum, double baseMomentum,
                      double maxMomentum, double divFactor, double finalDivFactor) {
        super("OneCycleLR", optimizer);
        if (!(maxLr > 0)) throw new IllegalArgumentException("OneCycleLR: max_lr must be > 0, got " + maxLr);
        if (totalSteps < 2) throw new IllegalArgumentException("OneCycleLR: total_steps must be >= 2, got " + totalSteps);
        if (!(pctStart > 0 && pctStart < 1)) throw new IllegalArgumentException("OneCycleLR: pct_start must be in (0, 1), got " + pctStart);
        if (!(divFactor > 0 && finalDivFactor > 0))
            throw new IllegalArgumentException("OneCycleLR: div_factor and final_div_factor must be > 0, got " + divFactor + ", " + finalDivFactor);
        if (cycleMomentum && !(optimizer instanceof MomentumOptimizer m && m.supportsMomentum()))
            throw new IllegalArgumentException("OneCycleLR: cycle_momentum=True needs an optimizer with momentum (SGD constructed with a"
                    + " momentum, Adam or AdamW), got " + optimizer + "; give SGD a momentum (e.g. 0.9) or pass cycleMomentum=false");
        if (cycleMomentum && !(baseMomentum >= 0 && maxMomentum >= 0))
            throw new IllegalArgumentException("OneCycleLR: base_momentum and max_momentum must be >= 0, got " + baseMomentum + ", " + maxMomentum);
        this.maxLr = maxLr;
        this.totalSteps = totalSteps;
        this.pctStart = pctStart;
        this.initialLr = maxLr / divFactor;
        this.minLr = initialLr / finalDivFactor;
        this.baseMomentum = baseMomentum;
        this.maxMomentum = maxMomentum;
        this.momentumTarget = cycleMomentum ? (MomentumOptimizer) optimizer : null;
        start();
    }

    @Override
    public double lrAt(int t) {
        checkStep(t);
        double end1 = pctStart * totalSteps - 1, end2 = totalSteps - 1;
        if (t <= end1) return anneal(initialLr, maxLr, t / end1);
        return anneal(maxLr, minLr, (t - end1) / (end2 - end1));
    }

    /** The momentum (SGD's momentum, Adam's β1) at counter {@code t}: inverse to the lr, between base and max momentum. */
    public double momentumAt(int t) {
        checkStep(t);
        double end1 = pctStart * totalSteps - 1, end2 = totalSteps - 1;
        if (t <= end1) return anneal(maxMomentum, baseMomentum, t / end1);
        return anneal(baseMomentum, maxMomentum, (t - end1) / (end2 - end1));
    }

    @Override
    protected void onEpoch(int t) {
        if (momentumTarget != null) momentumTarget.setMomentum(momentumAt(t));
    }

    private void checkStep(int t) {
        if (t > totalSteps)
            throw new IllegalStateException(this + ": tried to step " + t + " times, but total_steps is " + totalSteps
                    + "; construct it with total_steps = the number of optimizer steps");
    }

    private static double anneal(double from, double to, double pct) { return to + (from - to) / 2 * (Math.cos(Math.PI * pct) + 1); }

    @Override
    public String toString() {
        return "OneCycleLR(max_lr=" + maxLr + ", total_steps=" + totalSteps + ", pct_start=" + pctStart
                + (momentumTarget == null ? ", cycle_momentum=False" : ", base_momentum=" + baseMomentum + ", max_momentum=" + maxMomentum) + ")";
    }
}
