package org.cepstra.cli;

/** A problem with the user's input that the CLI reports as one line, with exit code 1. */
final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }
}
