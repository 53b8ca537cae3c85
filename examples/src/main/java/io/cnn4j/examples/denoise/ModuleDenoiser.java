package io.cnn4j.examples.denoise;

import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.nn.Module;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a trained denoising {@link Module} on images: reflection-pads each batch to a multiple of
 * {@code padMultiple}, runs the model in eval mode inside a {@link MemoryScope} (inputs cast to the model's dtype),
 * and crops the output back.
 * Restores the model's previous train/eval mode afterwards.
 */
public final class ModuleDenoiser implements Denoiser {
    private final Module model;
    private final Backend backend;
    private final int padMultiple;

    public ModuleDenoiser(Module model, Backend backend, int padMultiple) {
        this.model = model;
        this.backend = backend;
        this.padMultiple = padMultiple;
    }

    @Override
    public List<RgbImage> denoise(List<RgbImage> noisy) {
        int h = noisy.get(0).height(), w = noisy.get(0).width();
        List<RgbImage> padded = new ArrayList<>();
        for (RgbImage n : noisy) {
            if (n.height() != h || n.width() != w) throw new IllegalArgumentException("ModuleDenoiser: images in one batch must share a size");
            padded.add(ReflectionPad.toMultiple(n, padMultiple));
        }
        int H = padded.get(0).height(), W = padded.get(0).width(), plane = Shapes.numelInt("padded image", RgbImage.CHANNELS, H, W);
        float[] in = new float[Shapes.numelInt("denoiser batch", padded.size(), RgbImage.CHANNELS, H, W)];
        for (int i = 0; i < padded.size(); i++) System.arraycopy(padded.get(i).data(), 0, in, i * plane, plane);
        boolean wasTraining = model.isTraining();
        model.eval();
        float[] outData;
        try (MemoryScope scope = backend.scope()) {
            Tensor x = backend.fromArray(in, padded.size(), 3, H, W);
            DType dtype = model.parameters().get(0).value().dtype();
            Tensor y = model.forward(dtype == DType.FLOAT32 ? x : backend.cast(x, dtype));
            outData = y.toFloatArray();
        } finally {
            if (wasTraining) model.train();
        }
        List<RgbImage> out = new ArrayList<>();
        for (int i = 0; i < noisy.size(); i++) {
            float[] one = new float[plane];
            System.arraycopy(outData, i * plane, one, 0, plane);
            RgbImage full = new RgbImage(noisy.get(i).name(), H, W, one);
            out.add(H == h && W == w ? full : full.crop(0, 0, h, w));
        }
        return out;
    }
}
