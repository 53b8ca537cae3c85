package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.CliException;

/**
 * {@code denoise --minutes M}: the run's number of steps from its measured speed. The first
 * {@value #CALIBRATION_STEPS} steps run with a provisional length; the time of steps {@value #WARMUP_STEPS} to
 * {@value #CALIBRATION_STEPS} (after the backend has chosen its convolution implementations) gives seconds per step,
 * and the run gets as many steps as fit in the remaining budget. Those early steps still run while the JIT compiles
 * and run slower than the rest, so once {@value #RECALIBRATE_PERCENT} % of the budget is spent (and at least as many
 * steps as the first measurement took), the speed since step {@value #CALIBRATION_STEPS} sets the length once more.
 * The length is then fixed and recorded like {@code --steps}, so {@code --resume} continues the same run.
 */
final class TimeBudget {
    static final int WARMUP_STEPS = 10, CALIBRATION_STEPS = 40;
    /** The share of the budget, in percent, after which the speed is measured again. */
    static final int RECALIBRATE_PERCENT = 5;
    /** The provisional length while the speed is measured; the cosine schedule is then re-spanned to the real one. */
    static final int PROVISIONAL_STEPS = 1_000_000;

    private final double budgetSeconds;
    private double secondsAtWarmup = Double.NaN, secondsAtCalibration = Double.NaN;
    private boolean remeasured;

    TimeBudget(double minutes) {
        if (!(minutes > 0) || minutes > 7 * 24 * 60)
            throw new CliException("--minutes must be a positive number of minutes (at most a week), got " + minutes);
        this.budgetSeconds = minutes * 60;
    }

    /**
     * Called after each step with the run's training seconds so far; returns the total number of steps when it is
     * set (after step {@value #CALIBRATION_STEPS}, and once more after {@value #RECALIBRATE_PERCENT} % of the
     * budget), else -1. A total is never below {@code step}.
     */
    int observe(long step, double trainSeconds) {
        if (step == WARMUP_STEPS) secondsAtWarmup = trainSeconds;
        if (step == CALIBRATION_STEPS) {
            secondsAtCalibration = trainSeconds;
            return plan(step, trainSeconds, (trainSeconds - secondsAtWarmup) / (CALIBRATION_STEPS - WARMUP_STEPS));
        }
        long since = step - CALIBRATION_STEPS;
        if (remeasured || since < CALIBRATION_STEPS - WARMUP_STEPS || trainSeconds < budgetSeconds * RECALIBRATE_PERCENT / 100)
            return -1;
        remeasured = true;
        return plan(step, trainSeconds, (trainSeconds - secondsAtCalibration) / since);
    }

    /** Whether the second measurement has set the length. */
    boolean remeasured() { return remeasured; }

    private int plan(long step, double trainSeconds, double perStep) {
        double left = budgetSeconds - trainSeconds;
        long more = perStep > 0 && left > 0 ? (long) Math.floor(left / perStep) : 0;
        return (int) Math.min(PROVISIONAL_STEPS, step + more);
    }
}
