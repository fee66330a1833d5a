package org.cepstra.scoring;

/**
 * Told when a {@link StreamingVerifier} decides a claim early: at most once per claim and recording, on the
 * thread that feeds the verifier, from inside its {@code accept} or {@code finish}. Keep it short: the
 * verifier waits for it.
 */
@FunctionalInterface
public interface VerificationListener {
    /** A claim is decided; {@link StreamingVerifier#decision(int)} returns the same decision from now on. */
    void onDecision(VerificationDecision decision);
}
