package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** {@link Merge#add()}: {@code y = x0 + x1 + …} for inputs of equal shape; every input receives dL/dY unchanged. */
final class AddMerge extends Merge {
    private int arity = -1;
    private int[] shape;

    @Override
    public Tensor forward(List<Tensor> xs) {
        requireSameShapes(this, xs);
        Tensor y = xs.get(0);
        for (int i = 1; i < xs.size(); i++) y = y.add(xs.get(i));
        if (Module.recording()) {
            arity = xs.size();
            shape = xs.get(0).shape();
        }
        return y;
    }

    @Override
    public List<Tensor> backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        List<Tensor> out = new ArrayList<>(arity);
        for (int i = 0; i < arity; i++) out.add(dY);
        return out;
    }

    @Override
    public String toString() { return "add"; }
}
