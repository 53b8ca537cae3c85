package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.CliException;

/**
 * Training produced a non-finite loss or non-finite weights. A user-level outcome of the chosen settings (usually
 * a learning rate that is too high), not a bug: the CLI reports it as one line with exit code 2, and the last
 * checkpoint written before it (which is never overwritten by diverged weights) stays on disk.
 */
public class TrainingDivergedException extends CliException {
    private final long step;

    public TrainingDivergedException(long step, String what) {
        super("training diverged at step " + step + " (" + what + ")");
        this.step = step;
    }

    private TrainingDivergedException(String message, long step) {
        super(message);
        this.step = step;
    }

    /** The step at which divergence was detected. */
    public long step() { return step; }

    /** The same failure with {@code advice} (where the last good checkpoint is, what to change) appended. */
    public TrainingDivergedException withAdvice(String advice) { return new TrainingDivergedException(getMessage() + "; " + advice, step); }
}
