package io.cnn4j.loss;

import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * A loss that is a function {@code ℓ(p, t)} of each (prediction, target) element pair, reduced by
 * {@link Reduction}: {@code 'mean'} divides the sum by the element count, {@code 'sum'} does not, {@code 'none'}
 * returns the elementwise losses. Prediction and target must have the same shape. Subclasses give ℓ and ∂ℓ/∂p
 * as tensors (through the SPI); this class does the reduction and the chain rule.
 */
public abstract class ElementwiseLoss implements Loss<Tensor> {
    private final Reduction reduction;
    private Tensor derivative;   // ∂ℓ/∂p per element
    private int[] shape;

    protected ElementwiseLoss(String reduction) { this.reduction = Reduction.of(reduction, getClass().getSimpleName()); }

    public Reduction reduction() { return reduction; }

    /** ℓ(p, t) per element. */
    protected abstract Tensor elementLoss(Tensor prediction, Tensor target);

    /** ∂ℓ/∂p per element. */
    protected abstract Tensor elementDerivative(Tensor prediction, Tensor target);

    /** The reduced loss: a scalar for 'mean'/'sum', shaped like the prediction for 'none'. */
    @Override
    public Tensor forward(Tensor prediction, Tensor target) {
        if (!Arrays.equals(prediction.shape(), target.shape()))
            throw new IllegalArgumentException(this + ": prediction " + Shapes.str(prediction.shape()) + " and target "
                    + Shapes.str(target.shape()) + " must have the same shape; reshape the target to " + Shapes.str(prediction.shape()));
        Shapes.requireCompatible(toString(), prediction.backend(), prediction, target);
        Tensor l = elementLoss(prediction, target);
        derivative = elementDerivative(prediction, target);
        shape = prediction.shape();
        switch (reduction) {
            case NONE: return l;
            case SUM: return l.sumAll();
            default: return l.sumAll().div(Math.max(1, prediction.numel()));
        }
    }

    /** dL/dprediction for a scalar loss ('mean' or 'sum'); for 'none' use {@link #backward(Tensor)}. */
    @Override
    public Tensor backward() { return backward(null); }

    /** dL/dprediction given dL/dloss ({@code null} = 1 for a scalar loss; shaped like the loss for 'none'). */
    public Tensor backward(Tensor gradOutput) {
        if (derivative == null) throw new IllegalStateException(this + ": backward called before forward");
        Tensor g = reduction == Reduction.MEAN ? derivative.div(Math.max(1, Shapes.numel(shape))) : derivative;
        return reduction.chain(toString(), g, gradOutput, shape, shape);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + (reduction == Reduction.MEAN ? "" : "reduction='" + reduction.pytorchName() + "'") + ")";
    }
}
