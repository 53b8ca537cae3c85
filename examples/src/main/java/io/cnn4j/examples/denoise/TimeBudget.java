package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.CliException;

/**
 * {@code denoise --minutes M}: the run's number of steps from its measured speed. The first
 * {@value #CALIBRATION_STEPS} steps run with a provisional length; the time of steps {@value #WARMUP_STEPS} to
 * {@value #CALIBRATION_STEPS} (after the backend has chosen its convolution implementations) gives seconds per step,
 * and the run gets as many steps as fit in the remaining budget. The length is then fixed and recorded like
 * {@code --steps}, so {@code --resume} continues the same run.
 */
final class TimeBudget {
    static final int WARMUP_STEPS = 10, CALIBRATION_STEPS = 40;
    /** The provisional length while the speed is measured; the cosine schedule is then re-spanned to the real one. */
    static final int PROVISIONAL_STEPS = 1_000_000;

    private final double budgetSeconds;
    private double secondsAtWarmup = Double.NaN;

    TimeBudget(double minutes) {
        if (!(minutes > 0) || minutes > 7 * 24 * 60)
            throw new CliException("--minutes must be a positive number of minutes (at most a week), got " + minutes);
        this.budgetSeconds = minutes * 60;
    }

    /**
     * Called after each step with the run's training seconds so far; returns the total number of steps once they
     * are known (after step {@value #CALIBRATION_STEPS}), else -1.
     */
    int observe(long step, double trainSeconds) {
        if (step == WARMUP_STEPS) secondsAtWarmup = trainSeconds;
        if (step != CALIBRATION_STEPS) return -1;
        double perStep = (trainSeconds - secondsAtWarmup) / (CALIBRATION_STEPS - WARMUP_STEPS);
        double left = budgetSeconds - trainSeconds;
        long more = perStep > 0 && left > 0 ? (long) Math.floor(left / perStep) : 0;
        return (int) Math.min(PROVISIONAL_STEPS, CALIBRATION_STEPS + more);
    }
}
