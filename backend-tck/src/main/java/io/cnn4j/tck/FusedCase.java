package io.cnn4j.tck;

import org.quicktheories.core.Gen;

/**
 * A random fused-convolution case: a sliding-window case ({@link ConvCase}: input {@code [n, c, h, w]} and a
 * geometry), an output channel count and whether a bias is present. For the transposed convolution the roles
 * swap: its input is the convolution's output grid {@code [n, c, outH, outW]} and its output size is {@code h × w}.
 */
public record FusedCase(ConvCase conv, int outChannels, boolean bias) {

    /** Random cases: {@link ConvCase#cases} with 1–4 input channels, 1–4 output channels, bias or not. */
    public static Gen<FusedCase> cases() {
        return src -> {
            Draw d = Draw.of(src);
            ConvCase c = ConvCase.draw(d, false, 4);
            return new FusedCase(c, d.between(1, 4), d.bool());
        };
    }

    @Override
    public String toString() { return conv + ", out channels " + outChannels + (bias ? ", bias" : ", no bias"); }
}
