package io.cnn4j.io;

import io.cnn4j.nn.Module;
import io.cnn4j.nn.Parameter;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A test module with a child, parameters and a buffer, so state_dict names look like PyTorch's ("0.weight", "1.running_mean"). */
final class TinyModule extends Module {

    static final class Leaf extends Module {
        final Parameter weight;
        final Parameter bias;
        final Tensor runningMean;

        Leaf(Backend b, DType dt, int out, int in, double start) {
            double[] w = new double[out * in];
            for (int i = 0; i < w.length; i++) w[i] = start + 0.125 * i;
            weight = new Parameter("weight", b.fromHost(w, dt, out, in));
            double[] bias = new double[out];
            for (int i = 0; i < out; i++) bias[i] = -start - i;
            this.bias = new Parameter("bias", b.fromHost(bias, dt, out));
            runningMean = b.fromHost(new double[] {start, start + 1}, dt, 2);
        }

        @Override public Tensor forward(Tensor x) { return x; }
        @Override public Tensor backward(Tensor g) { return g; }
        @Override protected List<Parameter> ownParameters() { return List.of(weight, bias); }
        @Override protected Map<String, Tensor> ownBuffers() { return Map.of("running_mean", runningMean); }
    }

    final Leaf first;
    final Leaf second;

    TinyModule(Backend b, DType dt, int in, double start) {
        first = new Leaf(b, dt, 3, in, start);
        second = new Leaf(b, dt, 2, 3, start + 10);
    }

    @Override public Tensor forward(Tensor x) { return x; }
    @Override public Tensor backward(Tensor g) { return g; }

    @Override protected Map<String, Module> children() {
        Map<String, Module> m = new LinkedHashMap<>();
        m.put("0", first);
        m.put("1", second);
        return m;
    }
}
