package org.cepstra.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OptionTableTest {

    /** A small options record: a length in ms (> 0), a switch, a count, a unit and an optional floor. */
    record Opts(double lengthMs, boolean on, int count, TimeUnit unit, double floor) {
        Opts withOff() {
            return new Opts(lengthMs, false, count, unit, floor);
        }

        Opts withFloor(double v) {
            return new Opts(lengthMs, on, count, unit, v);
        }

        Opts {
            if (!(lengthMs > 0)) {
                throw new IllegalArgumentException("lengthMs must be > 0, got " + lengthMs);
            }
        }
    }

    static final OptionTable<Opts> TABLE = OptionTable.of(new Opts(25, true, 3, TimeUnit.SECONDS, -1))
            .add("length", "lengthMs", OptionType.real("MS"), "length in ms", Opts::lengthMs,
                    (r, v) -> new Opts(v, r.on(), r.count(), r.unit(), r.floor()))
            .add("on", "on", OptionType.bool(), "switch", Opts::on,
                    (r, v) -> new Opts(r.lengthMs(), v, r.count(), r.unit(), r.floor()))
            .add("count", "count", OptionType.integer("N"), "count", Opts::count,
                    (r, v) -> new Opts(r.lengthMs(), r.on(), v, r.unit(), r.floor()))
            .add("time-unit", "unit", OptionType.lowerCaseEnum(TimeUnit.class), "unit", Opts::unit,
                    (r, v) -> new Opts(r.lengthMs(), r.on(), r.count(), v, r.floor()))
            .add("floor", "floorFrames", OptionType.realOr("FRAMES", "auto", -1), "floor in frames", Opts::floor,
                    (r, v) -> new Opts(r.lengthMs(), r.on(), r.count(), r.unit(), v))
            .build();

    @Test
    void namesAreFoundWithOrWithoutDashesAndWithUnderscores() {
        assertEquals("time-unit", TABLE.find("--time_unit").orElseThrow().name());
        assertEquals("time-unit", TABLE.find("time-unit").orElseThrow().name());
        assertTrue(TABLE.find("unit").isEmpty()); // the key is not a name
        assertThrows(IllegalArgumentException.class, () -> TABLE.option("nope"));
    }

    @Test
    void defaultsComeFromTheDefaultRecord() {
        assertEquals(List.of("25.0", "true", "3", "seconds", "auto"),
                TABLE.options().stream().map(TABLE::defaultText).toList());
    }

    @Test
    void configLinesReadBackToTheSameRecord() {
        Opts r = new Opts(0.1 + 0.2, false, -7, TimeUnit.NANOSECONDS, 2.5e-300);
        List<String> lines = TABLE.configLines(r);
        assertEquals(List.of("--length=0.30000000000000004", "--on=false", "--count=-7", "--time-unit=nanoseconds",
                "--floor=2.5E-300"), lines);
        Opts back = TABLE.defaults();
        for (String line : lines) {
            int eq = line.indexOf('=');
            back = TABLE.option(line.substring(0, eq)).parse(back, line.substring(eq + 1));
        }
        assertEquals(r, back);
    }

    @Test
    void textIsReadAsKaldiReadsIt() {
        Opts d = TABLE.defaults();
        assertEquals(false, TABLE.option("on").parse(d, "F").on());
        assertEquals(true, TABLE.option("on").parse(d.withOff(), null).on());
        assertEquals(TimeUnit.DAYS, TABLE.option("time-unit").parse(d, "Days").unit());
        assertEquals(-1.0, TABLE.option("floor").parse(d.withFloor(4), "AUTO").floor());
        assertEquals(12.0, TABLE.option("floor").parse(d, "12").floor());
    }

    @Test
    void badTextIsRefusedQuotingTheValue() {
        Opts d = TABLE.defaults();
        assertEquals("'0x10' is not a number", message(() -> TABLE.option("length").parse(d, "0x10")));
        assertEquals("'1e999' is out of range", message(() -> TABLE.option("length").parse(d, "1e999")));
        assertEquals("'NaN' is not a number", message(() -> TABLE.option("length").parse(d, "NaN")));
        assertEquals("needs a value (--name=value)", message(() -> TABLE.option("count").parse(d, null)));
        assertEquals("'2.5' is not an integer", message(() -> TABLE.option("count").parse(d, "2.5")));
        assertEquals("'9999999999' is out of range for an integer",
                message(() -> TABLE.option("count").parse(d, "9999999999")));
        assertEquals("'yes' is not a boolean (expected true or false)",
                message(() -> TABLE.option("on").parse(d, "yes")));
        assertTrue(message(() -> TABLE.option("time-unit").parse(d, "weeks")).startsWith("'weeks' is not one of "));
        // the record's own check
        assertEquals("lengthMs must be > 0, got -1.0", message(() -> TABLE.option("length").parse(d, "-1")));
    }

    @Test
    void valuesFromAFileAreAppliedInTableOrder() {
        Opts r = TABLE.withValues(TABLE.defaults(), List.of(10.0, false, 4, TimeUnit.HOURS, 0.5));
        assertEquals(new Opts(10, false, 4, TimeUnit.HOURS, 0.5), r);
        assertThrows(IllegalArgumentException.class, () -> TABLE.withValues(TABLE.defaults(), List.of(1.0)));
        assertThrows(ClassCastException.class,
                () -> TABLE.withValues(TABLE.defaults(), List.of(10, false, 4, TimeUnit.HOURS, 0.5)));
    }

    @Test
    void namesAndKeysAreCheckedWhenRegistered() {
        OptionTable.Builder<Opts> b = OptionTable.of(TABLE.defaults())
                .add("count", "count", OptionType.integer("N"), "count", Opts::count, (r, v) -> r);
        assertThrows(IllegalArgumentException.class,
                () -> b.add("count", "other", OptionType.integer("N"), "again", Opts::count, (r, v) -> r));
        assertThrows(IllegalArgumentException.class,
                () -> b.add("Count_2", "count2", OptionType.integer("N"), "bad name", Opts::count, (r, v) -> r));
        assertThrows(IllegalArgumentException.class,
                () -> b.add("count-2", "count-2", OptionType.integer("N"), "bad key", Opts::count, (r, v) -> r));
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
