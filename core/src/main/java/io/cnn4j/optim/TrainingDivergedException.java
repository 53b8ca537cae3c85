package io.cnn4j.optim;

/**
 * A training step met a NaN or infinite loss and stopped before the optimizer step, so the weights and the
 * optimizer state are still those of the last finite step.
 */
public class TrainingDivergedException extends IllegalStateException {
    private final long step;
    private final double loss;

    /**
     * @param step the 1-based number of the step that diverged
     * @param loss its loss (NaN or infinite)
     */
    public TrainingDivergedException(long step, double loss) {
        super("training diverged at step " + step + ": the loss is " + loss
                + "; the weights are those of the last finite step; lower the learning rate or clip gradients");
        this.step = step;
        this.loss = loss;
    }

    /** The 1-based number of the step that diverged. */
    public long step() { return step; }

    /** The non-finite loss. */
    public double loss() { return loss; }
}
