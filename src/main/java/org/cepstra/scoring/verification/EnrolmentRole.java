package org.cepstra.scoring.verification;

/** What an evaluation speaker's utterance is used for when a manifest says so explicitly. */
public enum EnrolmentRole {
    /** Trains (MAP-adapts) the speaker's model. */
    ENROL,
    /** Tested against every speaker model. */
    TEST
}
