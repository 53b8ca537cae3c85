package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model summary like torchinfo's {@code summary(model, input_size)}: one row per module (nested containers
 * indented) and per merge node, with its state_dict-style name, type, output shape for the given input and the
 * number of parameters it holds itself, then the totals. Built by running one forward pass in eval mode on zeros
 * (the model's training mode is restored afterwards; BatchNorm running statistics are not touched in eval mode).
 *
 * @param rows              the rows in execution order
 * @param totalParameters   the number of parameter elements in the model
 * @param trainableParameters those with {@link Parameter#requiresGrad()}
 */
public record Summary(List<Row> rows, long totalParameters, long trainableParameters) {

    /** One line of the table: depth 0 is a direct child of the model. */
    public record Row(int depth, String name, String type, int[] outputShape, long parameters) {}

    /** The summary for an input of {@code inputShape}, on the backend and dtype of the model's parameters. */
    public static Summary of(Module model, int... inputShape) {
        List<Parameter> ps = model.parameters();
        if (ps.isEmpty())
            throw new IllegalArgumentException("summary: " + model + " has no parameters to take the backend and dtype from; "
                    + "use Summary.of(model, backend, dtype, inputShape)");
        Tensor any = ps.get(0).value();
        return of(model, any.backend(), any.dtype(), inputShape);
    }

    /** The summary for a zero input of {@code inputShape} created on {@code backend} in {@code dtype}. */
    public static Summary of(Module model, Backend backend, DType dtype, int... inputShape) {
        boolean training = model.isTraining();
        model.eval();
        List<Row> rows = new ArrayList<>();
        try {
            walk(model, "", 0, backend.zeros(dtype, inputShape), rows);
        } finally {
            if (training) model.train();
        }
        long total = 0, trainable = 0;
        for (Parameter p : model.parameters()) {
            total += p.value().numel();
            if (p.requiresGrad()) trainable += p.value().numel();
        }
        return new Summary(List.copyOf(rows), total, trainable);
    }

    private static Tensor walk(Module m, String prefix, int depth, Tensor x, List<Row> rows) {
        if (m instanceof Sequential seq) {
            Tensor y = x;
            for (int i = 0; i < seq.size(); i++) y = record(seq.get(i), prefix + i, depth, y, rows);
            return y;
        }
        if (m instanceof Graph g) {
            return g.forward(x, (name, child, in) -> record(child, prefix + name, depth, in, rows),
                    (name, merge, out) -> rows.add(new Row(depth, prefix + name, merge.toString(), out.shape(), 0)));
        }
        return m.forward(x);
    }

    private static Tensor record(Module m, String name, int depth, Tensor x, List<Row> rows) {
        int at = rows.size();
        rows.add(null);                                   // placeholder: containers list their children after themselves
        Tensor y = walk(m, name + ".", depth + 1, x, rows);
        long own = 0;
        for (Parameter p : m.ownParameters()) own += p.value().numel();
        if (m instanceof Sequential || m instanceof Graph) own = m.parameters().stream().mapToLong(p -> p.value().numel()).sum();
        rows.set(at, new Row(depth, name, m.getClass().getSimpleName(), y.shape(), own));
        return y;
    }

    /** The table: name (indented by depth), type, output shape, parameters; then the totals. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-40s %-20s %12s%n", "Layer (type)", "Output Shape", "Param #"));
        for (Row r : rows) {
            String label = "  ".repeat(r.depth()) + r.name() + " (" + r.type() + ")";
            s.append(String.format(Locale.ROOT, "%-40s %-20s %,12d%n", label, Shapes.str(r.outputShape()), r.parameters()));
        }
        s.append(String.format(Locale.ROOT, "Total params: %,d%nTrainable params: %,d%nNon-trainable params: %,d%n",
                totalParameters, trainableParameters, totalParameters - trainableParameters));
        return s.toString();
    }
}
