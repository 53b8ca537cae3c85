package io.cnn4j.optim;

/**
 * An optimizer whose momentum a scheduler may change between steps, as PyTorch's {@code OneCycleLR} and
 * {@code CyclicLR} do through the param group's {@code momentum} (SGD) or {@code betas[0]} (Adam, AdamW).
 */
public interface MomentumOptimizer extends Optimizer {

    /** SGD's {@code momentum}, Adam's β1. */
    double momentum();

    /** Sets SGD's {@code momentum} / Adam's β1 for the following steps; an invalid value throws, naming it. */
    void setMomentum(double momentum);

    /** Whether momentum can be cycled: SGD only when constructed with a momentum (its buffers exist), Adam always. */
    boolean supportsMomentum();
}
