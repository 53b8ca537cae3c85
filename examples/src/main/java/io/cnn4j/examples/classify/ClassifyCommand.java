package io.cnn4j.examples.classify;

import io.cnn4j.examples.cli.AtomicJson;
import io.cnn4j.examples.cli.BackendOption;
import io.cnn4j.examples.cli.CliException;
import io.cnn4j.examples.cli.OutputFolder;
import io.cnn4j.examples.data.Digits;
import io.cnn4j.examples.distributed.DataParallelOptions;
import io.cnn4j.examples.distributed.GradientExchange;
import io.cnn4j.examples.imaging.ImageWriter;
import io.cnn4j.examples.plot.ConfusionMatrixImage;
import io.cnn4j.examples.plot.DigitGrid;
import io.cnn4j.examples.util.Progress;
import io.cnn4j.io.AtomicFiles;
import io.cnn4j.io.Checkpoint;
import io.cnn4j.tensor.Backend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cnn4j classify}: trains the seed-004-style {@link io.cnn4j.examples.models.DigitNet} or the residual
 * {@link io.cnn4j.examples.models.DigitResNet} on the 4,000
 * training digits and reports test accuracy, a confusion matrix (text and PNG heat map) and a PNG of the misclassified
 * digits.
 */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a small digit classifier on the bundled handwritten digits and report its test accuracy.",
                "digitnet: Conv-ReLU-Pool x2, Linear; resnet: residual blocks, BatchNorm, global average pooling.",
                "The digits are 20x20, 4,000 train / 1,000 test.",
                "Writes to --out: confusion-matrix.png/.txt, misclassified.png, model.safetensors, metrics.json."})
public class ClassifyCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "digitnet", description = "digitnet or resnet (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--epochs", defaultValue = "20", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd (momentum 0.9) or adam (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", description = "Base learning rate, cosine-decayed to 0 (default: 0.1 for sgd, 2e-3 for adam).")
    Double lr;

    @Option(names = "--shift", defaultValue = "1", description = "Random shifts of up to N pixels as augmentation; 0 = none (default: ${DEFAULT-VALUE}).")
    int shift;

    @Option(names = "--channels", split = ",", defaultValue = "16,32",
            description = "Channels of the two convolutions (digitnet) or of the two residual stages (resnet) (default: ${DEFAULT-VALUE}).")
    int[] channels;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of initialisation, shuffling and shifts (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", description = "Folder with train-/test-images-idx3-ubyte and -labels-idx1-ubyte (default: the bundled digits).")
    Path data;

    @Option(names = "--limit-train", description = "Use only the first N training digits (quick runs).")
    Integer limitTrain;

    @CommandLine.Mixin
    BackendOption backend;

    @Option(names = "--out", defaultValue = "out/classify", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @CommandLine.Mixin
    DataParallelOptions dataParallel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (epochs < 1) throw new CliException("--epochs must be >= 1, got " + epochs);
        if (batch < 1) throw new CliException("--batch must be >= 1, got " + batch);
        if (shift < 0 || shift > 5) throw new CliException("--shift must be in 0..5, got " + shift);
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) throw new CliException("unknown --optimizer '" + optimizer + "'; known: adam, sgd");
        if (!model.equals("digitnet") && !model.equals("resnet")) throw new CliException("unknown --model '" + model + "'; known: digitnet, resnet");
        if (channels.length != 2 || channels[0] < 1 || channels[1] < 1)
            throw new CliException("--channels needs two positive numbers like 16,32, got " + java.util.Arrays.toString(channels));
        double baseLr = lr != null ? lr : optimizer.equals("sgd") ? 0.1 : 2e-3;
        if (!(baseLr > 0)) throw new CliException("--lr must be positive, got " + baseLr);
        dataParallel.validate(batch);
        OutputFolder.checkWritable(out, "--out");
        Digits train = data == null ? Digits.bundled("train") : Digits.fromDirectory(data, "train");
        Digits test = data == null ? Digits.bundled("test") : Digits.fromDirectory(data, "test");
        if (train.rows() != 20 || train.cols() != 20 || test.rows() != 20 || test.cols() != 20)
            throw new CliException("the classifier expects 20x20 digits, got " + train.cols() + "x" + train.rows() + " (train) and "
                    + test.cols() + "x" + test.rows() + " (test)");
        if (limitTrain != null) train = limit(train, limitTrain);
        Backend be = backend.backend();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "classify: %s(%d,%d), %d train / %d test digits, %d epochs, batch %d, %s lr %.3g cosine, shifts ±%d px, backend %s%n",
                model.equals("resnet") ? "DigitResNet" : "DigitNet", channels[0], channels[1], train.count(), test.count(), epochs, batch, optimizer, baseLr, shift, be.name());
        o.flush();
        DigitClassifier clf = new DigitClassifier(be, model, channels[0], channels[1], optimizer, baseLr, batch, epochs, train, data, limitTrain, shift, seed);
        long t0 = System.nanoTime();
        List<Double> losses = new ArrayList<>();
        try (GradientExchange cluster = dataParallel.open(clf.gradient());
             Progress bar = new Progress("classify", 0, epochs, 0, quiet)) {
            if (cluster != null) clf.distribute(cluster);
            for (int e = 1; e <= epochs; e++) {
                losses.add(clf.epoch());
                bar.update(e, Progress.fmt("loss %.4f, %.0f img/s", losses.get(e - 1), e * (double) train.count() / ((System.nanoTime() - t0) / 1e9)));
            }
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        int[] pred = clf.predict(test);
        int[][] cm = new int[10][10];
        int correct = 0;
        List<DigitGrid.Item> wrong = new ArrayList<>();
        for (int i = 0; i < test.count(); i++) {
            int t = test.labels()[i];
            cm[t][pred[i]]++;
            if (pred[i] == t) correct++;
            else wrong.add(new DigitGrid.Item(test.image(i), test.rows(), test.cols(), "pred " + pred[i] + " / true " + t));
        }
        double acc = correct / (double) test.count();
        String cmText = ConfusionMatrixImage.text(cm);
        ImageWriter.writePng(ConfusionMatrixImage.render(cm, String.format(Locale.ROOT, "test confusion matrix, accuracy %.2f%%", 100 * acc)),
                out.resolve("confusion-matrix.png"));
        AtomicFiles.write(out.resolve("confusion-matrix.txt"), cmText.getBytes(StandardCharsets.UTF_8));
        ImageWriter.writePng(DigitGrid.render(wrong, 10, wrong.size() + " misclassified test digits (predicted / true)"), out.resolve("misclassified.png"));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "cnn4j-digit-classifier");
        meta.put("model", model);
        meta.put("channels", channels[0] + "," + channels[1]);
        Checkpoint.save(clf.model(), out.resolve("model.safetensors"), meta);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", be.name());
        m.put("model", model);
        m.put("parameters", clf.model().parameters().stream().mapToLong(p -> p.value().numel()).sum());
        m.put("train_digits", train.count());
        m.put("test_digits", test.count());
        m.put("epochs", epochs);
        m.put("batch", batch);
        m.put("optimizer", optimizer);
        m.put("lr", baseLr);
        m.put("shift", shift);
        m.put("channels", channels);
        m.put("seed", seed);
        m.put("train_seconds", Math.round(trainSeconds * 100) / 100.0);
        m.put("test_accuracy", acc);
        m.put("misclassified", wrong.size());
        m.put("epoch_loss", losses);
        m.put("confusion_matrix", cm);
        AtomicJson.write(out.resolve("metrics.json"), m);
        o.print(cmText);
        o.printf(Locale.ROOT, "test accuracy %.2f%% (%d/%d), %.1f s training on %s; wrote %s%n", 100 * acc, correct, test.count(), trainSeconds, be.name(), out);
        o.flush();
        return 0;
    }

    static Digits limit(Digits d, int n) {
        if (n < 1) throw new CliException("--limit-train must be >= 1, got " + n);
        if (n >= d.count()) return d;
        int px = d.rows() * d.cols();
        float[] p = new float[n * px];
        System.arraycopy(d.pixels(), 0, p, 0, n * px);
        int[] l = new int[n];
        System.arraycopy(d.labels(), 0, l, 0, n);
        return new Digits(n, d.rows(), d.cols(), p, l);
    }
}
