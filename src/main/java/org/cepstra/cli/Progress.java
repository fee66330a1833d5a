package org.cepstra.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.cepstra.models.ModelTrainingListener;

/**
 * Progress bars on standard error for feature extraction and training, shown only when standard
 * error is a terminal (or when forced), so logs and pipes stay clean.
 */
final class Progress implements ModelTrainingListener, AutoCloseable {
    private final boolean enabled;
    private ProgressBar files;
    private ProgressBar labels;

    Progress(boolean enabled) {
        this.enabled = enabled;
    }

    /** Enabled when a console is attached, unless {@code quiet}. */
    static Progress auto(boolean quiet) {
        return new Progress(!quiet && System.console() != null);
    }

    @Override
    public synchronized void fileDone(int done, int total) {
        if (!enabled) {
            return;
        }
        if (files == null) {
            files = bar("features", total);
        }
        files.stepTo(done);
        if (done == total) {
            files.close();
        }
    }

    @Override
    public synchronized void labelDone(String label, int done, int total) {
        if (!enabled) {
            return;
        }
        if (labels == null) {
            labels = bar("training", total);
        }
        labels.stepTo(done);
        labels.setExtraMessage(label);
        if (done == total) {
            labels.close();
        }
    }

    private static ProgressBar bar(String task, int total) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                        new PrintStream(System.err, true))).build();
    }

    @Override
    public synchronized void close() {
        if (files != null) {
            files.close();
        }
        if (labels != null) {
            labels.close();
        }
    }
}
