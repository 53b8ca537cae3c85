package io.cnn4j.nn;

/**
 * The EE559 mini-project's learned "Upsampling" layer: exactly a {@link ConvTranspose2d} (same arguments, weight
 * layout {@code [in, out, kh, kw]}, init, forward and backward), under the name the EE559 report uses. Its
 * state_dict names are {@code weight}/{@code bias}, so a checkpoint moves to and from a PyTorch model that uses
 * {@code nn.ConvTranspose2d} at the same position.
 *
 * <p><b>Naming clash:</b> PyTorch's {@code nn.Upsample} (cnn4j {@link Upsample}) is a different thing — a fixed,
 * parameter-free nearest-neighbour resize. {@code Upsampling} here is learned and changes the channel count.
 * The seed network's {@code Upsampling(256, 64, 2, stride 2)} is {@code ConvTranspose2d(256, 64, kernel_size=2, stride=2)}.
 */
public class Upsampling extends ConvTranspose2d {

    public Upsampling(Context ctx, int in, int out, int kernel) { super(ctx, in, out, kernel); }

    public Upsampling(Context ctx, int in, int out, int kernel, int stride) { super(ctx, in, out, kernel, stride); }

    public Upsampling(Context ctx, int in, int out, int kernel, int stride, int padding) { super(ctx, in, out, kernel, stride, padding); }

    public Upsampling(Context ctx, int in, int out, int kernel, int stride, int padding, int outputPadding) {
        super(ctx, in, out, kernel, stride, padding, outputPadding);
    }

    public Upsampling(Context ctx, int in, int out, int kernel, int stride, int padding, int outputPadding, int dilation, boolean bias) {
        super(ctx, in, out, kernel, stride, padding, outputPadding, dilation, bias);
    }

    public Upsampling(Context ctx, int in, int out, int[] kernel, int[] stride, int[] padding, int[] outputPadding, int[] dilation, boolean bias) {
        super(ctx, in, out, kernel, stride, padding, outputPadding, dilation, bias);
    }

    @Override
    protected String reprName() { return "Upsampling"; }
}
