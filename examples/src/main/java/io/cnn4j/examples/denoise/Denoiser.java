package io.cnn4j.examples.denoise;

import io.cnn4j.examples.data.RgbImage;

import java.util.List;

/**
 * Something that maps noisy images to clean estimates. Every image in one call has the same size, so an
 * implementation may process them as one batch; each image must be denoised independently of the others.
 */
@FunctionalInterface
public interface Denoiser {
    List<RgbImage> denoise(List<RgbImage> noisy);
}
