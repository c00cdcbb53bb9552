package io.batchrender.scene.maya;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Numeric attribute chunks of a Maya Binary file, turned into the values Maya ASCII writes for them, as the real
 * files show them (see docs/maya-scene-files.md):
 * <ul>
 * <li>{@code DBLE}: name NUL, 1 flag byte, then big-endian IEEE doubles. Booleans, enums, integers, floats and
 * distances are all doubles here ({@code an} 1.0, {@code outf} 51.0, {@code rnd} 0.0). A time attribute is an
 * integer tick count instead: 4 bytes at 6000 ticks a second, or, in files whose {@code HEAD} has a {@code TDUR}
 * chunk (Maya 2019 and later: {@code "141120000"}), 8 bytes at that many ticks a second.</li>
 * <li>{@code DBL3}: name NUL, flag byte, 3 doubles ({@code -type "double3"}).</li>
 * <li>{@code FLT2}: name NUL, flag byte, pairs of big-endian floats ({@code -type "float2"}).</li>
 * </ul>
 * Only one attribute element at a time is reported: a chunk whose name is a range ({@code g[0:7]},
 * {@code uvsp[0:13]}, {@code wl[0:7].w}) is array data (UVs, weights, tweaks) and is skipped, as is any chunk whose
 * size does not match its tag or whose flag byte announces a size ({@code 0x08}). Booleans come out as {@code 1}/{@code 0},
 * numbers in plain decimal ({@code 1}, {@code 24.5}), times in frames of the file's time unit ({@code TUNI}).
 * Unlike Maya ASCII, angles and distances stay in Maya's internal units (radians, centimetres).
 */
final class MbNumbers {

    static final int DBLE = MayaTypeIds.id("DBLE");
    static final int DBL3 = MayaTypeIds.id("DBL3");
    static final int FLT2 = MayaTypeIds.id("FLT2");
    private static final int TUNI = MayaTypeIds.id("TUNI");
    private static final int TDUR = MayaTypeIds.id("TDUR");

    /** The most values one reported attribute has (a tuple); longer data is arrays and is skipped. */
    static final int MAX_VALUES = 16;
    /** The largest numeric chunk that is read at all: a name of up to 1 KiB, the flag byte, 16 doubles. */
    static final int MAX_CHUNK = 1024 + 2 + MAX_VALUES * 8;

    /** Flag bit: a 4-byte element count ({@code setAttr -s N}) follows the flag byte. */
    private static final int FLAG_SIZE = 0x08;
    /** Ticks a second of 4-byte times (files without {@code TDUR}, Maya 2018 and earlier). */
    private static final long OLD_TICKS_PER_SECOND = 6000;
    private static final int SCALE = 6;

    /** Frames a second (as numerator / denominator) of each {@code currentUnit -t} name Maya writes to {@code TUNI}. */
    private static final Map<String, BigDecimal[]> NAMED_UNITS = Map.ofEntries(
            Map.entry("game", rate(15, 1)), Map.entry("film", rate(24, 1)), Map.entry("pal", rate(25, 1)),
            Map.entry("ntsc", rate(30, 1)), Map.entry("show", rate(48, 1)), Map.entry("palf", rate(50, 1)),
            Map.entry("ntscf", rate(60, 1)), Map.entry("hour", rate(1, 3600)), Map.entry("min", rate(1, 60)),
            Map.entry("sec", rate(1, 1)), Map.entry("millisec", rate(1000, 1)), Map.entry("23.976fps", rate(24000, 1001)),
            Map.entry("29.97fps", rate(30000, 1001)), Map.entry("29.97df", rate(30000, 1001)),
            Map.entry("47.952fps", rate(48000, 1001)), Map.entry("59.94fps", rate(60000, 1001)));

    /** Ticks a second of 8-byte times, from {@code TDUR}; 0 while the file has none (4-byte times). */
    private long ticksPerSecond;
    private boolean badTicks;
    /** Frames a second of the file's time unit, numerator and denominator; Maya's default is film (24). */
    private BigDecimal[] frameRate = NAMED_UNITS.get("film");

    private static BigDecimal[] rate(long frames, long seconds) {
        return new BigDecimal[] {BigDecimal.valueOf(frames), BigDecimal.valueOf(seconds)};
    }

    static boolean isNumeric(int tag) {
        return tag == DBLE || tag == DBL3 || tag == FLT2;
    }

    static boolean isHead(int tag) {
        return tag == TUNI || tag == TDUR;
    }

    /** Takes the time unit ({@code TUNI}) and tick duration ({@code TDUR}) from the file's header. */
    void head(int tag, byte[] d) {
        String value = MbStrings.at(d, 0).trim();
        if (tag == TUNI) {
            frameRate = unit(value);
        } else if (tag == TDUR) {
            try {
                ticksPerSecond = Long.parseLong(value);
                badTicks = ticksPerSecond <= 0;
            } catch (NumberFormatException e) {
                badTicks = true;
            }
        }
    }

    /** {@code film} → 24/1, {@code 29.97fps} → 30000/1001, {@code 100fps} → 100/1; null when unknown. */
    private static BigDecimal[] unit(String name) {
        BigDecimal[] named = NAMED_UNITS.get(name);
        if (named != null || !name.endsWith("fps")) {
            return named;
        }
        try {
            BigDecimal fps = new BigDecimal(name.substring(0, name.length() - 3));
            return fps.signum() > 0 ? new BigDecimal[] {fps, BigDecimal.ONE} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The setAttr a numeric chunk of {@code node} stands for, when its layout is one of those above. */
    Optional<MayaSetAttr> attribute(String node, int tag, byte[] d) {
        int n = MbStrings.end(d, 0);
        if (node == null || n == 0 || n + 2 > d.length) {
            return Optional.empty();
        }
        String name = MbStrings.text(d, 0, n);
        int flags = d[n + 1] & 0xff;
        if ((flags & FLAG_SIZE) != 0 || name.indexOf(':') >= 0) {
            return Optional.empty();
        }
        int at = n + 2;
        int length = d.length - at;
        List<String> values = new ArrayList<>(3);
        Optional<String> type = Optional.empty();
        if (tag == DBL3 && length == 24) {
            type = Optional.of("double3");
            for (int i = 0; i < 3; i++) {
                values.add(decimal(Double.longBitsToDouble(int64(d, at + 8 * i))));
            }
        } else if (tag == FLT2 && length == 8) {
            type = Optional.of("float2");
            for (int i = 0; i < 2; i++) {
                values.add(decimal(Float.intBitsToFloat(MbStrings.int32(d, at + 4 * i))));
            }
        } else if (tag == DBLE && length == 8) {
            long bits = int64(d, at);
            boolean ticks = (ticksPerSecond > 0 || badTicks) && looksLikeTicks(bits);
            values.add(ticks ? frames(bits, ticksPerSecond) : decimal(Double.longBitsToDouble(bits)));
        } else if (tag == DBLE && length == 4 && ticksPerSecond == 0 && !badTicks) {
            values.add(frames(MbStrings.int32(d, at), OLD_TICKS_PER_SECOND));
        }
        if (values.isEmpty() || values.contains(null)) {
            return Optional.empty();
        }
        return Optional.of(new MayaSetAttr(node, name, type, List.of(), values));
    }

    /**
     * Whether 8 bytes are an integer tick count rather than a double: a count below 2^52 has the exponent bits of a
     * subnormal double (or, negative, of a NaN), which no attribute value is. 0 reads the same either way.
     */
    static boolean looksLikeTicks(long bits) {
        long top = bits >>> 52;
        return top == 0 ? bits != 0 : top == 0xFFF;
    }

    /** A tick count in frames of the file's time unit, {@code ticks * fps / perSecond}; null when either is unknown. */
    private String frames(long ticks, long perSecond) {
        if (frameRate == null || perSecond <= 0) {
            return null;
        }
        BigDecimal seconds = BigDecimal.valueOf(ticks).multiply(frameRate[0]);
        BigDecimal frames = seconds.divide(BigDecimal.valueOf(perSecond).multiply(frameRate[1]), SCALE, RoundingMode.HALF_EVEN);
        return plain(frames);
    }

    /** A double as Maya ASCII writes it: {@code 1}, {@code 0}, {@code 24.5}, {@code 34.99999999999999}. */
    static String decimal(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        return plain(new BigDecimal(Double.toString(v)));
    }

    /** A float with the digits that tell it apart from its neighbours as a float: {@code 0.375}, {@code 0.1}. */
    static String decimal(float v) {
        if (Float.isNaN(v) || Float.isInfinite(v)) {
            return null;
        }
        return plain(new BigDecimal(Float.toString(v)));
    }

    private static String plain(BigDecimal b) {
        if (b.signum() == 0) {
            return "0";
        }
        BigDecimal s = b.stripTrailingZeros();
        // Plain digits for everything a scene holds in practice; E notation only where that would run long.
        if (s.abs().compareTo(new BigDecimal("1e-7")) < 0 || s.abs().compareTo(new BigDecimal("1e21")) >= 0) {
            return s.round(MathContext.DECIMAL64).toString().replace("E", "e");
        }
        return s.toPlainString();
    }

    private static long int64(byte[] d, int at) {
        return ((long) MbStrings.int32(d, at) << 32) | (MbStrings.int32(d, at + 4) & 0xFFFFFFFFL);
    }
}
