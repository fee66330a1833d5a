package org.cepstra.scoring;

/**
 * Told when a {@link StreamingScorer} takes its early decision: at most once per recording, on the
 * thread that feeds the scorer, from inside its {@code accept} or {@code finish}. Keep it short: the
 * scorer waits for it.
 */
@FunctionalInterface
public interface DecisionListener {
    /** The scorer has decided; {@link StreamingScorer#decision()} returns the same decision from now on. */
    void onDecision(Decision decision);
}
