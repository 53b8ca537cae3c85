package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.nn.Sequential}: applies its children in order; backward runs them in reverse. Children are named
 * {@code "0"}, {@code "1"}, ... so parameters read {@code 0.weight}, {@code 2.bias} as in a PyTorch state_dict.
 */
public class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    public Sequential(Module... layers) {
        for (Module m : layers) add(m);
    }

    public Sequential(List<? extends Module> layers) {
        for (Module m : layers) add(m);
    }

    /** Appends a layer (named by its index); returns this. */
    public Sequential add(Module m) {
        if (m == null) throw new IllegalArgumentException("Sequential: layer " + layers.size() + " is null");
        if (m == this) throw new IllegalArgumentException("Sequential: cannot contain itself");
        layers.add(m);
        if (!isTraining()) m.eval(); else m.train();
        return this;
    }

    public Module get(int i) { return layers.get(i); }

    public int size() { return layers.size(); }

    /** The layers, in order (read-only). */
    public List<Module> layers() { return Collections.unmodifiableList(layers); }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Module m : layers) y = m.forward(y);
        return y;
    }

    @Override
    public Tensor backward(Tensor dY) {
        Tensor g = dY;
        for (int i = layers.size() - 1; i >= 0; i--) g = layers.get(i).backward(g);
        return g;
    }

    @Override
    protected Map<String, Module> children() {
        Map<String, Module> c = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) c.put(Integer.toString(i), layers.get(i));
        return c;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Sequential(");
        for (int i = 0; i < layers.size(); i++) {
            String child = layers.get(i).toString().replace("\n", "\n  ");
            s.append("\n  (").append(i).append("): ").append(child);
        }
        return s.append(layers.isEmpty() ? ")" : "\n)").toString();
    }
}
