package org.cepstra.audio;

/**
 * How a multi-channel recording becomes mono: the average of all channels, or one channel
 * picked by its 0-based index. Mono files read the same either way (channel 0).
 *
 * @param averaged {@code true} to average all channels
 * @param channel  the 0-based channel to keep when not averaging; {@code -1} when averaging
 */
public record ChannelSelection(boolean averaged, int channel) {
    private static final ChannelSelection AVERAGE = new ChannelSelection(true, -1);

    /** Validates that exactly one of "average" and "a channel index &ge; 0" is chosen. */
    public ChannelSelection {
        if (averaged && channel != -1) {
            throw new IllegalArgumentException("an averaging selection has channel -1, got " + channel);
        }
        if (!averaged && channel < 0) {
            throw new IllegalArgumentException("channel index must be >= 0 (0-based), got " + channel);
        }
    }

    /** The mean of all channels, sample by sample (the default). */
    public static ChannelSelection average() {
        return AVERAGE;
    }

    /** Only channel {@code index} (0-based: 0 is left in a stereo file, 1 is right). */
    public static ChannelSelection channel(int index) {
        return new ChannelSelection(false, index);
    }

    @Override
    public String toString() {
        return averaged ? "average of all channels" : "channel " + channel;
    }
}
