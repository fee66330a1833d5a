package org.cepstra.gmm;

/**
 * Training could not produce a valid mixture from the data it was given; the message says what
 * went wrong and what to change.
 */
public class GmmTrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message in domain words. */
    public GmmTrainingException(String message) {
        super(message);
    }

    /** An exception with a message and its cause. */
    public GmmTrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
