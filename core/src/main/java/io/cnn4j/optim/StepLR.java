package io.cnn4j.optim;

/**
 * {@code torch.optim.lr_scheduler.StepLR(optimizer, step_size, gamma=0.1)}:
 * {@code lr(t) = base_lr · gamma^⌊t / step_size⌋}.
 */
public class StepLR extends ClosedFormScheduler {
    private final int stepSize;
    private final double gamma;

    public StepLR(Optimizer optimizer, int stepSize) { this(optimizer, stepSize, 0.1); }

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super("StepLR", optimizer);
        if (stepSize < 1) throw new IllegalArgumentException("StepLR: step_size must be >= 1, got " + stepSize);
        if (!(gamma >= 0)) throw new IllegalArgumentException("StepLR: gamma must be >= 0, got " + gamma);
        this.stepSize = stepSize;
        this.gamma = gamma;
        start();
    }

    @Override
    public double lrAt(int t) { return baseLr * Math.pow(gamma, t / stepSize); }

    @Override
    public String toString() { return "StepLR(step_size=" + stepSize + ", gamma=" + gamma + ")"; }
}
