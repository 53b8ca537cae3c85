package io.cnn4j.optim;

/**
 * A scheduler whose learning rate is a closed-form function of the counter t (PyTorch's {@code last_epoch}): the
 * base lr is the optimizer's lr at construction; {@link #step()} advances t and sets {@code lrAt(t)} on the
 * optimizer; {@link #setLastEpoch} jumps (resuming). Construction sets {@code lrAt(0)}, as PyTorch does.
 */
abstract class ClosedFormScheduler implements LRScheduler {
    private final Optimizer optimizer;
    protected final double baseLr;
    private int t;

    protected ClosedFormScheduler(String who, Optimizer optimizer) {
        if (optimizer == null) throw new IllegalArgumentException(who + ": optimizer is null");
        this.optimizer = optimizer;
        this.baseLr = optimizer.lr();
    }

    /** The learning rate at counter {@code t}. */
    public abstract double lrAt(int t);

    /** Subclasses call this at the end of their constructor (after their fields are set). */
    protected final void start() { setLastEpoch(0); }

    /** Called after the lr for counter {@code t} is set, for a scheduler that also sets other hyper-parameters. */
    protected void onEpoch(int t) {}

    @Override
    public void step() { setLastEpoch(t + 1); }

    @Override
    public int lastEpoch() { return t; }

    @Override
    public void setLastEpoch(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException(this + ": epoch must be >= 0, got " + epoch);
        double lr = lrAt(epoch);
        t = epoch;
        optimizer.setLr(lr);
        onEpoch(t);
    }

    @Override
    public double lr() { return lrAt(t); }

    public double baseLr() { return baseLr; }
}
