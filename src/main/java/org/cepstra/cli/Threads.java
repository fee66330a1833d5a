package org.cepstra.cli;

/** The {@code --threads} option: checked before any work, defaulting to every core. */
final class Threads {
    /** The most worker threads accepted: far beyond any useful count, far below what would exhaust memory. */
    static final int MAX = 1024;

    private Threads() {
    }

    /**
     * The number of worker threads: {@code given}, or the number of cores when null.
     *
     * @throws InputException naming {@code --threads} if {@code given} is below 1 or above {@link #MAX}
     */
    static int resolve(Integer given) {
        if (given == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (given < 1 || given > MAX) {
            throw new InputException("--threads must be between 1 and " + MAX + ", got " + given);
        }
        return given;
    }
}
