package io.cnn4j.nn;

import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.List;

/**
 * A node of a {@link Graph} that combines two or more tensors into one: {@link #add()} ({@code torch.add}, a
 * residual or additive skip), {@link #cat()} ({@code torch.cat(xs, dim=1)}, a concatenation skip) and
 * {@link #mul()} ({@code torch.mul}, a gate). A merge has no parameters; like a module it caches what its backward
 * needs during forward (nothing inside {@link InferenceMode}), so one merge object belongs to one graph node.
 *
 * <p>Contract: {@link #forward(List)} takes the inputs in the order the node lists them; {@link #backward(Tensor)}
 * takes dL/dY of the last forward and returns dL/dxᵢ for each input in the same order.
 */
public abstract class Merge {

    /** Elementwise sum of inputs of equal shape, {@code x0 + x1 + …} (left to right). */
    public static Merge add() { return new AddMerge(); }

    /** Concatenation along the channel axis 1 ({@code torch.cat(xs, dim=1)}); all other dimensions must agree. */
    public static Merge cat() { return new CatMerge(); }

    /** Elementwise product of inputs of equal shape, {@code x0 · x1 · …} (left to right). */
    public static Merge mul() { return new MulMerge(); }

    public abstract Tensor forward(List<Tensor> xs);

    public abstract List<Tensor> backward(Tensor gradOutput);

    /** Requires at least two inputs, all of the same shape. */
    static void requireSameShapes(Merge m, List<Tensor> xs) {
        if (xs.size() < 2) throw new IllegalArgumentException(m + ": needs at least 2 inputs, got " + xs.size());
        for (int i = 1; i < xs.size(); i++)
            if (!java.util.Arrays.equals(xs.get(i).shape(), xs.get(0).shape()))
                throw new IllegalArgumentException(m + ": input " + i + " has shape " + Shapes.str(xs.get(i).shape())
                        + " but input 0 has " + Shapes.str(xs.get(0).shape()) + "; inputs of " + m + " must have equal shapes"
                        + " (use Merge.cat() to join different channel counts)");
    }
}
