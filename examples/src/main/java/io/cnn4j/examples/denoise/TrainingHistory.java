package io.cnn4j.examples.denoise;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnn4j.examples.plot.TrainingPlot;
import io.cnn4j.examples.util.UserInputException;

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

    record Json(List<Double> loss, List<double[]> valPsnr) {}

    public String toJson() {
        try {
            return JSON.writeValueAsString(new Json(loss, valPsnr));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TrainingHistory fromJson(String s, String where) {
        TrainingHistory h = new TrainingHistory();
        if (s == null) return h;
        try {
            Json j = JSON.readValue(s, Json.class);
            h.loss.addAll(j.loss());
            h.valPsnr.addAll(j.valPsnr());
        } catch (JsonProcessingException e) {
            throw new UserInputException(where + ": malformed training history (" + e.getOriginalMessage() + ")");
        }
        return h;
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
