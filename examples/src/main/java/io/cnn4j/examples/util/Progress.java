package io.cnn4j.examples.util;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a long loop on stderr. On a terminal: a console bar (me.tongfei progressbar: percentage, ETA, a
 * message) redrawn in place. Otherwise (a log file, a pipe, CI): a plain line at every 10 % of the work, so logs
 * stay readable. Nothing when quiet. The elapsed time shown starts from the time already spent before a resume,
 * so it is the same run time the final summary reports.
 */
public final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final PrintStream plain;
    private final String task;
    private long total;
    private final double earlierSeconds;
    private final long t0 = System.nanoTime();
    private long nextPercent;

    /**
     * @param start          where the work starts (a resumed run's step)
     * @param total          the work's end
     * @param earlierSeconds time already spent on this work before (0 for a fresh run)
     */
    public Progress(String task, long start, long total, double earlierSeconds, boolean quiet) {
        this(task, start, total, earlierSeconds, quiet ? null : System.console() != null ? Mode.TERMINAL : Mode.PLAIN, System.err);
    }

    /** Where progress goes: redrawn in place on a terminal, or plain lines. */
    enum Mode { TERMINAL, PLAIN }

    /** {@code mode} null: quiet; plain lines go to {@code plainOut}. */
    Progress(String task, long start, long total, double earlierSeconds, Mode mode, PrintStream plainOut) {
        this.task = task;
        this.total = total;
        this.earlierSeconds = earlierSeconds;
        this.bar = mode != Mode.TERMINAL ? null : new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .startsFrom(start, Duration.ofMillis((long) (earlierSeconds * 1000))).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate().build();
        this.plain = mode == Mode.PLAIN ? plainOut : null;
        this.nextPercent = total <= 0 ? 100 : (start * 100 / total) / 10 * 10 + 10;
    }

    /** Reports that {@code current} of the total is done, with a short message (loss, throughput). */
    public void update(long current, String message) {
        if (bar != null) {
            bar.stepTo(current);
            bar.setExtraMessage(message);
        }
        if (plain != null && total > 0 && current * 100 / total >= nextPercent) {
            plain.printf(Locale.ROOT, "%s: %3d%% (%d/%d), %s elapsed, %s%n", task, current * 100 / total, current, total, clock(elapsedSeconds()), message);
            plain.flush();
            nextPercent = current * 100 / total / 10 * 10 + 10;
        }
    }

    /** Changes the work's end (a run whose length is fixed after it started, such as {@code denoise --minutes}). */
    public void setTotal(long newTotal) {
        total = newTotal;
        if (bar != null) bar.maxHint(newTotal);
    }

    /** Shows what the loop is doing between updates (e.g. "evaluating…" while validating). */
    public void status(String message) {
        if (bar != null) bar.setExtraMessage(message);
        if (plain != null) {
            plain.printf(Locale.ROOT, "%s: %s%n", task, message);
            plain.flush();
        }
    }

    /** Time spent on the work: before a resume plus since. */
    public double elapsedSeconds() { return earlierSeconds + (System.nanoTime() - t0) / 1e9; }

    /** {@code h:mm:ss}, the format of the console bar. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    public static String fmt(String f, Object... args) { return String.format(Locale.ROOT, f, args); }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
