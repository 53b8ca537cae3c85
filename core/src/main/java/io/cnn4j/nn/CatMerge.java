package io.cnn4j.nn;

import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link Merge#cat()}: {@code torch.cat(xs, dim=1)} of inputs {@code [N, Cᵢ, …]} that agree in every dimension but
 * the channel axis; the gradient of input i is the slice of dL/dY holding its channels.
 */
final class CatMerge extends Merge {
    private int[] channels;
    private int[] shape;

    @Override
    public Tensor forward(List<Tensor> xs) {
        if (xs.size() < 2) throw new IllegalArgumentException(this + ": needs at least 2 inputs, got " + xs.size());
        int[] first = xs.get(0).shape();
        if (first.length < 2)
            throw new IllegalArgumentException(this + ": inputs need a channel axis 1, got shape " + Shapes.str(first));
        int[] cs = new int[xs.size()];
        for (int i = 0; i < xs.size(); i++) {
            int[] s = xs.get(i).shape();
            boolean ok = s.length == first.length;
            for (int a = 0; ok && a < s.length; a++) ok = a == 1 || s[a] == first[a];
            if (!ok)
                throw new IllegalArgumentException(this + ": input " + i + " has shape " + Shapes.str(s) + " but input 0 has "
                        + Shapes.str(first) + "; inputs may differ only in the channel axis 1");
            cs[i] = s[1];
        }
        Tensor y = xs.get(0).backend().concat(1, xs.toArray(new Tensor[0]));
        if (Module.recording()) {
            channels = cs;
            shape = y.shape();
        }
        return y;
    }

    @Override
    public List<Tensor> backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        List<Tensor> out = new ArrayList<>(channels.length);
        int start = 0;
        for (int c : channels) {
            out.add(dY.backend().slice(dY, 1, start, c));
            start += c;
        }
        return out;
    }

    @Override
    public String toString() { return "cat(dim=1)"; }
}
