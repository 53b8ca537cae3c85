package io.cnn4j.examples.util;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.Locale;

/** A console progress bar (me.tongfei progressbar: percentage, ETA) with a custom message, or nothing when quiet. */
public final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    public Progress(String task, long start, long total, boolean quiet) {
        this.bar = quiet ? null : new ProgressBarBuilder().setTaskName(task).setInitialMax(total).startsFrom(start, java.time.Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
    }

    public void update(long current, String message) {
        if (bar == null) return;
        bar.stepTo(current);
        bar.setExtraMessage(message);
    }

    public static String fmt(String f, Object... args) { return String.format(Locale.ROOT, f, args); }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
