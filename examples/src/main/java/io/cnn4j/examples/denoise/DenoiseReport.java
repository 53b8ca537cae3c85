package io.cnn4j.examples.denoise;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.imaging.ImageWriter;
import io.cnn4j.examples.plot.TrainingPlot;
import io.cnn4j.examples.util.AtomicFiles;

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

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The per-image comparison picture; with {@code cropOrZero > 0}, centre crops and a compact title line. */
    public static BufferedImage comparison(EvaluationProtocol.ImageResult r, RgbImage clean, int cropOrZero) {
        if (cropOrZero > 0)
            return ImageWriter.sideBySide(List.of(ImageWriter.centerCrop(r.noisy(), cropOrZero), ImageWriter.centerCrop(r.denoised(), cropOrZero),
                    ImageWriter.centerCrop(clean, cropOrZero)), List.of("noisy", "denoised", "clean"),
                    String.format(Locale.ROOT, "%s: %.2f -> %.2f dB", shorten(r.name()), r.psnrNoisy(), r.psnrFull()));
        return ImageWriter.sideBySide(List.of(r.noisy(), r.denoised(), clean), List.of(
                String.format(Locale.ROOT, "noisy %.2f dB", r.psnrNoisy()),
                String.format(Locale.ROOT, "denoised %.2f dB", r.psnrFull()),
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

    /** The metrics JSON: run description, per-image PSNRs, means, history. */
    public static Map<String, Object> metrics(DenoiseTrainer t, EvaluationProtocol protocol, EvaluationProtocol.Result r,
                                              double evalSeconds, String dataDescription) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", t.config().model());
        m.put("parameters", io.cnn4j.examples.models.DenoiserModels.parameterCount(t.model()));
        m.put("backend", t.backend().name());
        m.put("dtype", "float32");
        m.put("config", t.config().toMetadata());
        m.put("steps", t.step());
        m.put("train_seconds", round(t.trainSeconds()));
        m.put("train_images_per_s", round(t.step() * t.config().batch() / Math.max(1e-9, t.trainSeconds())));
        m.put("eval_seconds", round(evalSeconds));
        m.put("data", dataDescription);
        m.putAll(evalJson(protocol, r));
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
        m.put("mean_psnr_noisy", round(r.meanPsnrNoisy()));
        m.put("mean_psnr_full", round(r.meanPsnrFull()));
        m.put("mean_psnr_tiles", Double.isNaN(r.meanPsnrTiles()) ? null : round(r.meanPsnrTiles()));
        List<Map<String, Object>> per = new ArrayList<>();
        for (EvaluationProtocol.ImageResult i : r.images()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", i.name());
            e.put("width", i.width());
            e.put("height", i.height());
            e.put("psnr_noisy", round(i.psnrNoisy()));
            e.put("psnr_full", round(i.psnrFull()));
            e.put("psnr_tiles", Double.isNaN(i.psnrTilesMean()) ? null : round(i.psnrTilesMean()));
            e.put("tiles", i.tiles());
            per.add(e);
        }
        m.put("per_image", per);
        return m;
    }

    public static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(value));
    }

    static double round(double v) { return Math.round(v * 1e4) / 1e4; }
}
