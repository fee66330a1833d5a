package org.cepstra.cli;

/** Entry point of the {@code cepstra} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(0);
    }
}
