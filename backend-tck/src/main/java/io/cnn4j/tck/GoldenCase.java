package io.cnn4j.tck;

import io.cnn4j.io.HostTensor;

import java.util.Arrays;
import java.util.Map;

/**
 * One golden-vector case: a safetensors file holding the inputs ({@code x}, {@code weight}, {@code bias},
 * {@code dy}, {@code target}) and the expected PyTorch results ({@code y}, {@code dx}, {@code dweight},
 * {@code dbias}, {@code dtarget}); the case parameters come from the file's {@code __metadata__} (format:
 * {@code vectors/README.md}: {@code op}, {@code kernel}, {@code stride}, {@code padding}, {@code dilation},
 * {@code output_padding} as "h,w"; {@code bias}, {@code count_include_pad} as "true"/"false"; {@code reduction}).
 *
 * @param id       the case name ({@code __metadata__.case}, else the file name without extension)
 * @param op       {@code conv2d}, {@code conv_transpose2d}, {@code max_pool2d}, {@code avg_pool2d},
 *                 {@code adaptive_avg_pool2d}, {@code adaptive_max_pool2d}, {@code upsample}, {@code batch_norm2d},
 *                 {@code group_norm}, {@code layer_norm}, {@code instance_norm2d}, {@code linear}, {@code relu},
 *                 {@code leaky_relu}, {@code sigmoid}, {@code tanh}, {@code silu}, {@code gelu}, {@code softmax}, {@code log_softmax},
 *                 {@code mse_loss}, {@code l1_loss}, {@code smooth_l1_loss}, {@code bce_with_logits_loss},
 *                 {@code nll_loss} or {@code cross_entropy_loss}
 * @param source   where it was read from (for messages)
 */
public record GoldenCase(String id, String op, Map<String, String> metadata, Map<String, HostTensor> tensors, String source) {

    /** The tensor {@code name}; throws naming the case when absent. */
    public HostTensor tensor(String name) {
        HostTensor t = tensors.get(name);
        if (t == null) throw new IllegalArgumentException(id + " (" + source + "): missing tensor '" + name + "'; it has " + tensors.keySet());
        return t;
    }

    public boolean has(String name) { return tensors.containsKey(name); }

    /** A metadata "h,w" pair (or a single int used for both axes); {@code fallback} when absent. */
    public int[] pair(String key, int[] fallback) {
        String v = metadata.get(key);
        if (v == null || v.isBlank()) return fallback;
        try {
            int[] p = Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (p.length == 1) return new int[] {p[0], p[0]};
            if (p.length == 2) return p;
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException(id + " (" + source + "): metadata '" + key + "' must be \"h,w\", got \"" + v + "\"");
    }

    /** A metadata boolean ("true"/"false", also "1"/"0"); {@code fallback} when absent. */
    public boolean flag(String key, boolean fallback) {
        String v = metadata.get(key);
        if (v == null || v.isBlank()) return fallback;
        return v.equalsIgnoreCase("true") || v.equals("1");
    }

    @Override
    public String toString() { return id + " (" + op + ", " + source + ")"; }
}
