package io.cnn4j.examples.denoise;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnn4j.examples.cli.CliException;
import io.cnn4j.examples.plot.TrainingPlot;

import java.util.ArrayList;
import java.util.List;

/**
 * The training loss of every step and the validation PSNR at the evaluated steps. Saved in the training state
 * (as JSON metadata) so that a resumed run's plot and metrics cover the whole run.
 */
public final class TrainingHistory {
    /** Loss of step {@code i + 1} at index i. */
    public final List<Double> loss = new ArrayList<>();
    /** (step, mean val PSNR over full images). */
    public final List<double[]> valPsnr = new ArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode l = root.putArray("loss");
        loss.forEach(l::add);
        ArrayNode v = root.putArray("valPsnr");
        for (double[] p : valPsnr) v.addArray().add((long) p[0]).add(p[1]);
        return root.toString();
    }

    /**
     * Parses and validates the JSON written by {@link #toJson()} for a state at {@code step}: {@code loss} must hold
     * exactly {@code step} finite numbers and {@code valPsnr} pairs {@code [s, psnr]} with integer steps in 1..step,
     * increasing, and finite PSNRs. A missing history (older state files) is an empty one only at step 0.
     * Anything else throws {@link CliException} naming {@code where} and the entry.
     */
    public static TrainingHistory fromJson(String s, long step, String where) {
        TrainingHistory h = new TrainingHistory();
        if (s == null) {
            if (step == 0) return h;
            throw bad(where, "the 'history' metadata is missing");
        }
        JsonNode root;
        try {
            root = JSON.readTree(s);
        } catch (JsonProcessingException e) {
            throw bad(where, "it is not JSON (" + e.getOriginalMessage().replace('\n', ' ') + ")");
        }
        if (root == null || !root.isObject()) throw bad(where, "it must be a JSON object with 'loss' and 'valPsnr'");
        JsonNode l = root.get("loss"), v = root.get("valPsnr");
        if (l == null || !l.isArray()) throw bad(where, "'loss' must be an array of numbers");
        if (v == null || !v.isArray()) throw bad(where, "'valPsnr' must be an array of [step, psnr] pairs");
        if (l.size() != step) throw bad(where, "'loss' has " + l.size() + " entries but the state is at step " + step);
        for (int i = 0; i < l.size(); i++) {
            JsonNode x = l.get(i);
            if (!x.isNumber() || !Double.isFinite(x.doubleValue())) throw bad(where, "loss[" + i + "] is " + x + ", not a finite number");
            h.loss.add(x.doubleValue());
        }
        long prev = 0;
        for (int i = 0; i < v.size(); i++) {
            JsonNode p = v.get(i);
            if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || p.get(0).doubleValue() != Math.rint(p.get(0).doubleValue())
                    || !p.get(1).isNumber())
                throw bad(where, "valPsnr[" + i + "] is " + p + ", not a [step, psnr] pair of numbers");
            long at = (long) p.get(0).doubleValue();
            double psnr = p.get(1).doubleValue();
            if (at <= prev || at > step) throw bad(where, "valPsnr[" + i + "] is at step " + at + ", outside " + (prev + 1) + ".." + step);
            if (!Double.isFinite(psnr)) throw bad(where, "valPsnr[" + i + "] has PSNR " + psnr + ", not a finite number");
            h.valPsnr.add(new double[]{at, psnr});
            prev = at;
        }
        return h;
    }

    private static CliException bad(String where, String what) {
        return new CliException(where + ": malformed training history: " + what + "; the train-state is damaged, resume from another copy or start a new run");
    }

    /** Loss averaged over windows of about steps/100 steps, for the plot. */
    public List<TrainingPlot.Point> smoothedLoss() {
        int window = Math.max(1, loss.size() / 100);
        List<TrainingPlot.Point> out = new ArrayList<>();
        for (int start = 0; start < loss.size(); start += window) {
            int end = Math.min(loss.size(), start + window);
            double s = 0;
            for (int i = start; i < end; i++) s += loss.get(i);
            out.add(new TrainingPlot.Point(end, s / (end - start)));
        }
        return out;
    }

    public List<TrainingPlot.Point> valPoints() {
        return valPsnr.stream().map(p -> new TrainingPlot.Point(p[0], p[1])).toList();
    }
}
