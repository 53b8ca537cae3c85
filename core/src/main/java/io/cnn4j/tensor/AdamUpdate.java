package io.cnn4j.tensor;

/**
 * The hyper-parameters of one Adam/AdamW step ({@link Backend#adamStep}), as {@code torch.optim.Adam}/{@code AdamW}
 * use them at step {@code t} (counted from 1, after incrementing).
 *
 * @param lr          learning rate of this step
 * @param beta1       first-moment decay β1 in [0, 1)
 * @param beta2       second-moment decay β2 in [0, 1)
 * @param eps         added to the bias-corrected √v
 * @param weightDecay L2 added to the gradient (Adam) or decoupled decay (AdamW); 0 for none
 * @param decoupled   true for AdamW's decoupled weight decay
 * @param step        t ≥ 1
 */
public record AdamUpdate(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled, long step) {

    public AdamUpdate {
        if (step < 1) throw new IllegalArgumentException("AdamUpdate: step must be >= 1, got " + step);
    }

    /** {@code lr / (1 - β1^t)}, the step size applied to the first moment. */
    public double stepSize() { return lr / (1 - Math.pow(beta1, step)); }

    /** {@code √(1 - β2^t)}, which divides √v. */
    public double biasCorrection2Sqrt() { return Math.sqrt(1 - Math.pow(beta2, step)); }
}
