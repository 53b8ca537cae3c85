package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.AtomicJson;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.imaging.ImageWriter;
import io.cnn4j.examples.plot.TrainingPlot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes what a person looks at after a run: per-image noisy | denoised | clean PNGs, a contact sheet of centre
 * crops, the training plot and the metrics JSON. Every file is written atomically.
 */
public final class DenoiseReport {
    private DenoiseReport() {}

    /** Side of the centre crops in the contact sheet (keeps it small enough to commit and view). */
    public static final int SHEET_CROP = 96;

    /** The per-image comparison picture; with {@code cropOrZero > 0}, centre crops and a compact title line. */
    public static BufferedImage comparison(EvaluationProtocol.ImageResult r, RgbImage clean, int cropOrZero) {
        if (cropOrZero > 0)
            return ImageWriter.sideBySide(List.of(ImageWriter.centerCrop(r.noisy(), cropOrZero), ImageWriter.centerCrop(r.denoised(), cropOrZero),
                    ImageWriter.centerCrop(clean, cropOrZero)), List.of("noisy", "denoised", "clean"),
                    String.format(Locale.ROOT, "%s: %s -> %s dB", shorten(r.name()), db(r.psnrNoisy()), db(r.psnrFull())));
        return ImageWriter.sideBySide(List.of(r.noisy(), r.denoised(), clean), List.of(
                "noisy " + db(r.psnrNoisy()) + " dB",
                "denoised " + db(r.psnrFull()) + " dB",
                "clean " + r.name()));
    }

    private static String shorten(String name) {
        String base = name.replaceFirst("\\.[A-Za-z]+$", "");
        return base.length() > 22 ? base.substring(0, 22) : base;
    }

    /** Writes {@code images/<name>.png} for every image and {@code contact-sheet.png}; returns the written paths. */
    public static List<Path> writeImages(Path out, EvaluationProtocol.Result result, List<RgbImage> clean) throws IOException {
        List<Path> written = new ArrayList<>();
        List<BufferedImage> rows = new ArrayList<>();
        for (int i = 0; i < result.images().size(); i++) {
            EvaluationProtocol.ImageResult r = result.images().get(i);
            Path f = out.resolve("images").resolve(r.name().replaceFirst("\\.[A-Za-z]+$", "") + ".png");
            ImageWriter.writePng(comparison(r, clean.get(i), 0), f);
            written.add(f);
            rows.add(comparison(r, clean.get(i), SHEET_CROP));
        }
        Path sheet = out.resolve("contact-sheet.png");
        ImageWriter.writePng(ImageWriter.stack(rows), sheet);
        written.add(sheet);
        return written;
    }

    /** Writes the training plot. */
    public static void writePlot(Path file, String title, TrainingHistory h) throws IOException {
        TrainingPlot.write(file, title, h.smoothedLoss(), h.valPoints());
    }

    /**
     * The metrics JSON: run description, per-image PSNRs, means, history, and under {@code "test"} the same scores on
     * the test photos ({@code test} null: not evaluated).
     */
    public static Map<String, Object> metrics(DenoiseTrainer t, EvaluationProtocol protocol, EvaluationProtocol.Result r,
                                              EvaluationProtocol.Result test, double evalSeconds, String dataDescription) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", t.config().model());
        m.put("parameters", io.cnn4j.examples.models.DenoiserModels.parameterCount(t.model()));
        m.put("backend", t.backend().name());
        m.put("dtype", t.config().dtype().name().toLowerCase(java.util.Locale.ROOT));
        m.put("config", t.config().toMetadata());
        m.put("steps", t.step());
        m.put("train_seconds", round(t.trainSeconds()));
        m.put("train_images_per_s", round(t.step() * t.config().batch() / Math.max(1e-9, t.trainSeconds())));
        m.put("eval_seconds", round(evalSeconds));
        m.put("data", dataDescription);
        m.putAll(evalJson(protocol, r));
        if (test != null) m.put("test", evalJson(protocol, test));
        Map<String, Object> hist = new LinkedHashMap<>();
        hist.put("loss_smoothed", t.history().smoothedLoss().stream().map(p -> List.of(p.step(), p.value())).toList());
        hist.put("val_psnr_full", t.history().valPsnr);
        m.put("history", hist);
        return m;
    }

    /** The evaluation part of the JSON (also what {@code denoise-eval --json} writes). */
    public static Map<String, Object> evalJson(EvaluationProtocol protocol, EvaluationProtocol.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sigma", protocol.sigma());
        m.put("sigma_255", protocol.sigma() * 255);
        m.put("noise_seed", protocol.seed());
        m.put("images", r.images().size());
        m.put("tiles", r.tileCount());
        putScore(m, "mean_psnr_noisy", r.meanPsnrNoisy());
        putScore(m, "mean_psnr_full", r.meanPsnrFull());
        putScore(m, "mean_psnr_tiles", r.meanPsnrTiles());
        List<Map<String, Object>> per = new ArrayList<>();
        for (EvaluationProtocol.ImageResult i : r.images()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", i.name());
            e.put("width", i.width());
            e.put("height", i.height());
            putScore(e, "psnr_noisy", i.psnrNoisy());
            putScore(e, "psnr_full", i.psnrFull());
            putScore(e, "psnr_tiles", i.psnrTilesMean());
            e.put("tiles", i.tiles());
            per.add(e);
        }
        m.put("per_image", per);
        return m;
    }

    /**
     * Puts a PSNR in dB rounded to 4 decimals, or — when it is not finite — {@code null} and, under
     * {@code <key>_null_reason}, why: JSON has no NaN or infinity, and a number in their place would be a lie.
     */
    static void putScore(Map<String, Object> m, String key, double db) {
        if (Double.isFinite(db)) {
            m.put(key, round(db));
            return;
        }
        m.put(key, null);
        m.put(key + "_null_reason", whyNotFinite(db));
    }

    /** Why a PSNR is not a number: +∞ means the images are identical, NaN that there was nothing to score. */
    static String whyNotFinite(double db) {
        if (db == Double.POSITIVE_INFINITY) return "infinite: the images are identical (mean squared error 0)";
        if (db == Double.NEGATIVE_INFINITY) return "negative infinity: the error is unbounded";
        return "undefined: nothing to score (no image is at least 32x32 for tiles, or the output is NaN)";
    }

    /** A PSNR for a console line: {@code %.2f} when finite, else {@code inf} / {@code n/a}, never a NaN printed as a number. */
    public static String db(double v) {
        if (Double.isFinite(v)) return String.format(Locale.ROOT, "%.2f", v);
        return v == Double.POSITIVE_INFINITY ? "inf" : "n/a";
    }

    public static void writeJson(Path file, Object value) { AtomicJson.write(file, value); }

    static double round(double v) { return Math.round(v * 1e4) / 1e4; }
}
