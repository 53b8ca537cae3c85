package io.cnn4j.examples.denoise;

import io.cnn4j.examples.data.ImageLoader;
import io.cnn4j.examples.data.ImageSet;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.distributed.ShardGradient;
import io.cnn4j.examples.models.DenoiserModels;
import io.cnn4j.loss.MSELoss;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Module;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

/**
 * The denoiser's training gradient: MSE between the model output and the target on the {@link CropSampler} batch of
 * a step. The single-process trainer uses it for the whole batch; a data-parallel engine ships it to its workers,
 * which read the training photos themselves from {@code trainDir} (a path every worker can see) or from the bundled
 * photos on their class path, and draw the same batch from (seed, step).
 *
 * <p>Each worker draws the whole batch of a step and keeps its rows: the crops and noise of row {@code i} come
 * from one random stream in row order, so this is what makes a shard's rows the very rows of the single-process
 * batch. Drawing is cheap next to the forward and backward passes (a few percent at batch 32).
 */
public final class DenoiseGradient implements ShardGradient {
    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> config;
    private final String trainDir;
    private final long maxPixels;
    private final String backendName;
    private transient DenoiseConfig parsed;
    private transient CropSampler sampler;

    /**
     * @param config      the run's configuration
     * @param trainDir    folder of training images, absolute and visible to every worker; null for the bundled photos
     * @param backendName backend the workers select ({@code null}: their configured default)
     * @param trainImages the images already loaded from {@code trainDir} here (the driver's copy), or null to load on first use
     */
    public DenoiseGradient(DenoiseConfig config, Path trainDir, String backendName, List<RgbImage> trainImages) {
        this(config, trainDir, ImageLoader.DEFAULT_MAX_PIXELS, backendName, trainImages);
    }

    /**
     * @param config      the run's configuration
     * @param trainDir    folder of training images, absolute and visible to every worker; null for the bundled photos
     * @param maxPixels   largest training image (width x height) a worker accepts ({@code --max-image-pixels})
     * @param backendName backend the workers select ({@code null}: their configured default)
     * @param trainImages the images already loaded from {@code trainDir} here (the driver's copy), or null to load on first use
     */
    public DenoiseGradient(DenoiseConfig config, Path trainDir, long maxPixels, String backendName, List<RgbImage> trainImages) {
        this.maxPixels = maxPixels;
        this.config = new HashMap<>(config.toMetadata());
        this.trainDir = trainDir == null ? null : trainDir.toAbsolutePath().normalize().toString();
        this.backendName = backendName;
        this.parsed = config;
        if (trainImages != null) this.sampler = newSampler(config, trainImages);
    }

    private static CropSampler newSampler(DenoiseConfig c, List<RgbImage> images) {
        return new CropSampler(images, c.crop(), c.sigma(), c.noise2noise(), c.augment().equals(DenoiseConfig.DIHEDRAL), c.seed());
    }

    /** The run's configuration. */
    public DenoiseConfig config() {
        if (parsed == null) parsed = DenoiseConfig.fromMetadata(config, "training configuration");
        return parsed;
    }

    private synchronized CropSampler sampler() {
        if (sampler == null) sampler = newSampler(config(), ImageSet.dirOrBundled(trainDir == null ? null : Path.of(trainDir), "train", maxPixels));
        return sampler;
    }

    @Override
    public Module createModel(Backend backend) {
        DenoiseConfig c = config();
        return DenoiserModels.create(c.model(), Context.of(backend, c.dtype(), c.seed()));
    }

    @Override
    public String backendName() { return backendName; }

    @Override
    public int batch() { return config().batch(); }

    @Override
    public double accumulate(Module model, Backend backend, long step, int from, int to) {
        DenoiseConfig c = config();
        CropSampler.Batch b = sampler().batch(step, c.batch()).rows(from, to);
        DType dtype = c.dtype();
        Tensor x = upload(backend, b.input(), b, dtype), y = upload(backend, b.target(), b, dtype);
        MSELoss loss = new MSELoss();
        model.train();
        double value = loss.forward(model.forward(x), y).item();
        Tensor dY = loss.backward();
        if (b.size() == c.batch()) {
            model.backward(dY);
            return value;
        }
        double share = b.size() / (double) c.batch();
        model.backward(backend.binary(BinaryOp.MUL, dY, share));
        return value * share;
    }

    private static Tensor upload(Backend backend, float[] data, CropSampler.Batch b, DType dtype) {
        Tensor t = backend.fromArray(data, b.size(), 3, b.crop(), b.crop());
        return dtype == DType.FLOAT32 ? t : backend.cast(t, dtype);
    }
}
