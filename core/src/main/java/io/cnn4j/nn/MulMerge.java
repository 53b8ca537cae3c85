package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link Merge#mul()}: {@code y = x0 · x1 · …} elementwise for inputs of equal shape; the gradient of input i is
 * dL/dY times the product of the other inputs (cached by forward).
 */
final class MulMerge extends Merge {
    private List<Tensor> inputs;
    private int[] shape;

    @Override
    public Tensor forward(List<Tensor> xs) {
        requireSameShapes(this, xs);
        Tensor y = xs.get(0);
        for (int i = 1; i < xs.size(); i++) y = y.mul(xs.get(i));
        if (Module.recording()) {
            inputs = List.copyOf(xs);
            shape = xs.get(0).shape();
        }
        return y;
    }

    @Override
    public List<Tensor> backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        List<Tensor> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Tensor g = dY;
            for (int j = 0; j < inputs.size(); j++) if (j != i) g = g.mul(inputs.get(j));
            out.add(g);
        }
        return out;
    }

    @Override
    public String toString() { return "mul"; }
}
