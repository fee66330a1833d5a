package org.cepstra.io.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.cepstra.base.AtomicFiles;
import org.cepstra.base.FeatureFileException;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeatureTransform;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.io.npy.Npy;
import org.cepstra.io.npy.NpyArray;
import org.cepstra.io.npy.NpyDtype;
import org.cepstra.models.Background;
import org.cepstra.models.LabelSummary;
import org.cepstra.models.ModelSet;

/**
 * Reads and writes a {@link ModelSet} as one file: a zip archive that {@code numpy.load} opens as an
 * {@code NpzFile}.
 *
 * <h2>Layout (format version 1)</h2>
 * <ul>
 *   <li>{@code header.json}: UTF-8 JSON, described below.</li>
 *   <li>For each label, at index {@code i} of the header's {@code labels} array (labels sorted):
 *     {@code weights_<i>.npy} (float64, shape [K]), {@code means_<i>.npy} (float64, [K, D]) and
 *     {@code variances_<i>.npy} (float64, [K, D]), little-endian, C order.</li>
 *   <li>With a background model (a set MAP-adapted from a UBM), its three arrays at index {@code L}, the
 *     number of labels.</li>
 *   <li>When the feature configuration ends in an LDA projection ({@code featureConfig.lda}, format 5),
 *     {@code transform.npy} (float64, [D, S + 1]): the projection from the S-dimensional spliced frames
 *     with the offset in the last column, as Kaldi's {@code transform-feats} reads an affine matrix.</li>
 * </ul>
 * Entries are DEFLATE-compressed; readers also accept STORED entries (as {@code numpy.savez} writes).
 * No other entry is allowed. In Python: {@code z = numpy.load(path); z['means_0']} gives an array and
 * {@code json.loads(z['header.json'])} (or {@code zipfile.ZipFile(path).read('header.json')}) the header.
 *
 * <h2>header.json</h2>
 * <pre>
 * {
 *   "format": "cepstra-model-set",
 *   "formatVersion": 7,       // 7: k-means++ candidate factor, 6: Viterbi states or more than 9,
 *                             // 5: LDA, states or recipe, 4: background,
 *                             // 3: CMVN prior, else 2;
 *                             // 1: before calibration
 *   "createdBy": "cepstra 0.1.0",
 *   "createdAt": "2024-05-01T12:00:00Z",          // ISO-8601, UTC
 *   "dimension": 13,                               // D, equal to the feature configuration's
 *   "skippedFiles": 0,
 *   "labels": [                                    // sorted; index i names the i-th arrays
 *     {"label": "one", "numComponents": 4,         // K of this label
 *      "utterances": 50, "frames": 4120, "iterations": 23, "converged": true,
 *      "averageLogLikelihood": -41.7, "flooredVariances": 0, "reseededComponents": 0},
 *     {"label": "two", "numComponents": 4}         // summary fields absent: no summary
 *   ],
 *   "featureConfig": { ... },                      // see FeatureConfigJson
 *   "training": { ... },                           // see TrainingConfigJson
 *   "calibration": {"calibrated": true, "scale": 0.05, "frameExponent": 0.0,
 *                   "heldOut": "SPEAKERS", "folds": 4, "heldOutUtterances": 2000},
 *   "cmvnPrior": {"frames": 100.0, "count": 41234.0,  // optional: per-speaker CMVN's prior (CmvnPrior)
 *                 "sum": [...], "sumOfSquares": [...]}, // one number per column CMVN applies to
 *   "background": {"numComponents": 512,             // optional: the UBM the labels were MAP-adapted from
 *                  "adaptation": {"meanRelevance": 16.0, "varianceRelevance": 16.0, "weightRelevance": 16.0,
 *                                 "adaptMeans": true, "adaptVariances": false, "adaptWeights": false,
 *                                 "relativeVarianceFloor": 0.01, "absoluteVarianceFloor": 1e-10}},
 *   "statesPerLabel": 3,                           // optional (format 5): each label's model is the union of
 *                                                  // its 3 states, K/3 components each, state by state
 *   "stateAlignment": "viterbi",                   // optional (format 6): states take the best left-to-right
 *                                                  // path's parts of an utterance; absent: equal parts
 *   "recipe": "keywords"                           // optional (format 5): the recipe the training options started from
 * }
 * </pre>
 * The summary fields of a label ({@link LabelSummary} without {@code label} and {@code numComponents})
 * are all present or all absent; {@code averageLogLikelihood} may be the string {@code "NaN"},
 * {@code "Infinity"} or {@code "-Infinity"}. {@code calibration} ({@link org.cepstra.models.Calibration}) is
 * absent from files written before posteriors were calibrated: they read as not calibrated (scale 1,
 * {@code "calibrated": false}). Format 2 added {@code calibration} and {@code "minOccupancyFrames": -1}
 * (automatic); format 1 files read as before. Format 3 added {@code cmvnPrior}, format 4 {@code background} (a relevance of
 * +∞ is the string {@code "Infinity"}), format 5 the LDA stage ({@code featureConfig.lda} and
 * {@code transform.npy}), {@code statesPerLabel} and {@code recipe}, format 6 {@code stateAlignment}, format 7
 * {@code training.kmeansCandidateFactor}; each file is written in the lowest format that holds it (2 without
 * either). A reader refuses a higher {@code formatVersion} than it knows,
 * so an older Cepstra says "written by a newer Cepstra" instead of failing on a field it does not know.
 *
 * <h2>Writing</h2>
 * Atomic: the archive is written to {@code .<name>.tmp-<16 hex digits>} in the target's folder, forced
 * to disk, then renamed over the target, so the target is either the old file or the complete new one.
 * Leftovers of writes that were killed are removed by {@link #cleanStaleTempFiles(Path)}, which each
 * write calls first.
 *
 * <h2>Reading</h2>
 * Distrusts the file: every zip entry must pass its CRC (so a changed byte in the header or an array is
 * caught), no entry is read beyond the size the header's K and D imply (no zip bombs, no allocation
 * from an unchecked size), shapes, dtypes, finiteness, weights (≥ 0, sum 1 within 1e-6) and variances
 * (&gt; 0) are checked, and every problem is a {@link ModelFileException} naming the file, the entry or
 * header field, and what is wrong. A loaded model set scores bit-identically to the one written: its
 * means, variances and weights are the stored doubles. (The model constructor divides the weights by
 * their sum, which can move a stored weight by an ulp; the reader hands it weights searched so that
 * the division gives back exactly the stored ones. If that bounded search fails, which is rare, a
 * weight may differ from the stored one by an ulp.)
 */
public final class ModelSetFile {
    /** Value of the header's {@code format} field. */
    public static final String FORMAT = ModelSetHeaderJson.FORMAT;
    /** The format version this class writes, and the highest it reads. */
    public static final int FORMAT_VERSION = ModelSetHeaderJson.FORMAT_VERSION;
    /** Name of the header entry. */
    public static final String HEADER_ENTRY = "header.json";
    /** Name of the entry holding the LDA projection, with a feature configuration that has one. */
    public static final String TRANSFORM_ENTRY = "transform.npy";
    /** Largest header accepted, in bytes (uncompressed). */
    public static final int MAX_HEADER_BYTES = 16 << 20;
    /** {@link #cleanStaleTempFiles(Path)} leaves temporary files modified more recently than this alone. */
    public static final Duration STALE_TEMP_AGE = Duration.ofMinutes(10);

    /** Room allowed for the .npy magic, version, length and header dict of one array, in bytes. */
    private static final int NPY_HEADER_ALLOWANCE = 4096;
    private static final double WEIGHT_SUM_TOLERANCE = 1e-6;

    private static final ObjectReader JSON_READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // numbers rounded once, exactly
            .build().reader();
    private static final ObjectWriter JSON_WRITER = JsonMapper.builder().build().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private ModelSetFile() {
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code set} to {@code target} atomically, stamped with the current time (to the second).
     *
     * @throws IllegalArgumentException if the set's label summaries are not at most one per label, in
     *                                  label order, each with its model's number of components
     */
    public static void write(Path target, ModelSet set) throws IOException {
        write(target, set, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Writes {@code set} to {@code target} atomically with the given creation time (header
     * {@code createdAt} and the zip entries' times); the same set and time give the same bytes (on the
     * same Java runtime, whose zlib does the compression).
     *
     * @throws IllegalArgumentException as {@link #write(Path, ModelSet)}
     */
    public static void write(Path target, ModelSet set, Instant createdAt) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(createdAt, "createdAt");
        ObjectNode header = ModelSetHeaderJson.toJson(set, createdBy(), createdAt);
        byte[] headerBytes = JSON_WRITER.writeValueAsBytes(header);
        LocalDateTime entryTime = zipTime(createdAt);
        cleanStaleTempFiles(target);
        writeAtomically(target, out -> {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            zip.setLevel(6); // zlib's default, fixed so that the same set and time give the same bytes
            putEntry(zip, HEADER_ENTRY, entryTime);
            zip.write(headerBytes);
            zip.closeEntry();
            if (set.transform().isPresent()) {
                FeatureTransform t = set.transform().get();
                putEntry(zip, TRANSFORM_ENTRY, entryTime);
                Npy.writeFloat64(zip, new long[] {t.outputDims(), t.inputDims() + 1}, t.asAffineMatrix());
                zip.closeEntry();
            }
            List<DiagonalGmm> arrays = new ArrayList<>(set.models().values());
            set.background().ifPresent(b -> arrays.add(b.ubm())); // the background model's arrays: index L
            for (int i = 0; i < arrays.size(); i++) {
                DiagonalGmm g = arrays.get(i);
                long k = g.numComponents();
                long d = g.dimension();
                putEntry(zip, entryName("weights", i), entryTime);
                Npy.writeFloat64(zip, new long[] {k}, g.weights());
                zip.closeEntry();
                putEntry(zip, entryName("means", i), entryTime);
                Npy.writeFloat64(zip, new long[] {k, d}, flatten(g.means()));
                zip.closeEntry();
                putEntry(zip, entryName("variances", i), entryTime);
                Npy.writeFloat64(zip, new long[] {k, d}, flatten(g.variances()));
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    private static void putEntry(ZipOutputStream zip, String name, LocalDateTime time) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.DEFLATED);
        e.setTimeLocal(time);
        zip.putNextEntry(e);
    }

    /** The creation time as a zip (DOS) time, clamped to the years a zip can hold. */
    private static LocalDateTime zipTime(Instant createdAt) {
        LocalDateTime t = LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC);
        LocalDateTime min = LocalDateTime.of(1980, 1, 1, 0, 0);
        LocalDateTime max = LocalDateTime.of(2107, 12, 31, 23, 59, 58);
        return t.isBefore(min) ? min : t.isAfter(max) ? max : t;
    }

    private static double[] flatten(double[][] rows) {
        int cols = rows[0].length;
        double[] out = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * cols, cols);
        }
        return out;
    }

    /** The zip entry of array {@code kind} ("weights", "means" or "variances") of label index {@code i}. */
    static String entryName(String kind, int i) {
        return kind + "_" + i + ".npy";
    }

    private static String createdBy() {
        String v = ModelSetFile.class.getPackage().getImplementationVersion();
        return "cepstra " + (v == null ? "development" : v);
    }

    private static void writeAtomically(Path target, AtomicFiles.Content content) throws IOException {
        AtomicFiles.write(target, content);
    }

    /**
     * Removes temporary files left next to {@code target} by writes that were killed before they could
     * rename them ({@link AtomicFiles#cleanStaleTempFiles(Path, Duration)}), those last modified at least
     * {@link #STALE_TEMP_AGE} ago (younger ones may belong to a write still running in another process).
     *
     * @return the files removed (files that cannot be removed are left in place)
     * @throws IOException if the folder cannot be listed
     */
    public static List<Path> cleanStaleTempFiles(Path target) throws IOException {
        return AtomicFiles.cleanStaleTempFiles(target, STALE_TEMP_AGE);
    }

    /**
     * As {@link #cleanStaleTempFiles(Path)}, removing temporary files last modified at least
     * {@code minAge} ago ({@link Duration#ZERO}: all of them; only safe when no other write to the same
     * target can be running).
     */
    public static List<Path> cleanStaleTempFiles(Path target, Duration minAge) throws IOException {
        return AtomicFiles.cleanStaleTempFiles(target, minAge);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a model set written by {@link #write(Path, ModelSet)} (or by any tool following the layout
     * above), checking everything. The path must be on the default file system.
     *
     * @throws ModelFileException   naming the file, the entry or header field, and the problem, for any
     *                              file that is not a valid model set of a supported format version
     * @throws IOException        if the file cannot be opened at all (e.g. {@link java.nio.file.NoSuchFileException})
     */
    public static ModelSet read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new ModelFileException(name, null, "is a folder, not a model file");
        }
        checkZipMagic(file, name);
        File onDisk = file.toFile();
        ZipFile zip;
        try {
            zip = new ZipFile(onDisk);
        } catch (IOException | RuntimeException e) {
            throw damaged(name, null, e);
        }
        try (zip) {
            return new Reader(zip, name).read();
        }
    }

    private static void checkZipMagic(Path file, String name) throws IOException {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(4);
        }
        boolean zip = magic.length == 4 && magic[0] == 'P' && magic[1] == 'K'
                && (magic[2] == 3 && magic[3] == 4 || magic[2] == 5 && magic[3] == 6);
        if (!zip) {
            throw new ModelFileException(name, null, "not a Cepstra model file (not a zip archive)");
        }
    }

    private static ModelFileException damaged(String file, String entry, Throwable cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ModelFileException(file, entry, "the file is damaged or cut short: " + detail, cause);
    }

    /** One read of one open archive. */
    private static final class Reader {
        private final ZipFile zip;
        private final String file;
        private final Map<String, ZipEntry> entries = new LinkedHashMap<>();

        Reader(ZipFile zip, String file) {
            this.zip = zip;
            this.file = file;
        }

        ModelSet read() throws ModelFileException {
            listEntries();
            ModelSetHeaderJson.Header header = header();
            int d = header.dimension();
            Set<String> expected = new HashSet<>();
            expected.add(HEADER_ENTRY);
            int arrays = header.labels().size() + (header.background().isPresent() ? 1 : 0);
            for (int i = 0; i < arrays; i++) {
                expected.add(entryName("weights", i));
                expected.add(entryName("means", i));
                expected.add(entryName("variances", i));
            }
            boolean projected = header.featureConfig().lda().enabled();
            if (projected) {
                expected.add(TRANSFORM_ENTRY);
            }
            for (String n : entries.keySet()) {
                if (!expected.contains(n)) {
                    throw new ModelFileException(file, null, "unexpected entry '" + n + "' (the header lists "
                            + header.labels().size() + " labels" + (arrays > header.labels().size()
                            ? " and a background model" : "") + ", so the entries are header.json" + (projected
                            ? ", " + TRANSFORM_ENTRY : "") + " and weights_i, "
                            + "means_i, variances_i.npy for i < " + arrays + ")");
                }
            }
            SortedMap<String, DiagonalGmm> models = new TreeMap<>();
            List<LabelSummary> summaries = new ArrayList<>();
            for (int i = 0; i < header.labels().size(); i++) {
                ModelSetHeaderJson.LabelEntry l = header.labels().get(i);
                models.put(l.label(), model(i, l, d));
                if (l.summary() != null) {
                    summaries.add(l.summary());
                }
            }
            Optional<Background> background = Optional.empty();
            if (header.background().isPresent()) {
                ModelSetHeaderJson.BackgroundEntry b = header.background().get();
                int index = header.labels().size();
                DiagonalGmm ubm = model(index, new ModelSetHeaderJson.LabelEntry("(background)", b.numComponents(),
                        null), d);
                background = Optional.of(new Background(ubm, b.adaptation()));
            }
            Optional<FeatureTransform> transform = projected ? Optional.of(transform(header.featureConfig()))
                    : Optional.empty();
            try {
                return new ModelSet(models, header.featureConfig(), header.training(), summaries,
                        header.skippedFiles(), header.calibration(), header.cmvnPrior(), background, transform,
                        header.states(), header.recipe(), header.stateAlignment());
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file, null, e.getMessage(), e);
            }
        }

        private void listEntries() throws ModelFileException {
            try {
                Enumeration<? extends ZipEntry> en = zip.entries();
                while (en.hasMoreElements()) {
                    ZipEntry e = en.nextElement();
                    if (entries.put(e.getName(), e) != null) {
                        throw new ModelFileException(file, null, "the zip archive holds entry '" + e.getName()
                                + "' twice");
                    }
                }
            } catch (RuntimeException e) {
                throw damaged(file, null, e);
            }
        }

        private ModelSetHeaderJson.Header header() throws ModelFileException {
            ZipEntry e = entries.get(HEADER_ENTRY);
            if (e == null) {
                throw new ModelFileException(file, null, "not a Cepstra model file (no " + HEADER_ENTRY
                        + " in the zip archive)");
            }
            byte[] bytes = entryBytes(e, MAX_HEADER_BYTES);
            JsonNode root;
            try {
                root = JSON_READER.readTree(bytes);
            } catch (JsonProcessingException ex) {
                throw new ModelFileException(file, HEADER_ENTRY, "not valid JSON: " + ex.getOriginalMessage()
                        + (ex.getLocation() == null ? "" : " (line " + ex.getLocation().getLineNr() + ", column "
                        + ex.getLocation().getColumnNr() + ")"), ex);
            } catch (IOException | RuntimeException ex) {
                throw new ModelFileException(file, HEADER_ENTRY, "not valid JSON: " + ex.getMessage(), ex);
            }
            if (root == null || !root.isObject()) {
                throw new ModelFileException(file, HEADER_ENTRY, "not a Cepstra model file (the header is "
                        + JsonFields.describe(root) + ", not a JSON object)");
            }
            JsonNode format = root.get("format");
            if (format == null || !format.isTextual() || !format.textValue().equals(FORMAT)) {
                throw new ModelFileException(file, HEADER_ENTRY, "not a Cepstra model file (field 'format' is "
                        + JsonFields.describe(format) + ", expected \"" + FORMAT + "\")");
            }
            JsonNode version = root.get("formatVersion");
            if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()
                    || version.intValue() < 1) {
                throw fieldError("formatVersion", "must be a positive integer, found " + JsonFields.describe(version));
            }
            if (version.intValue() > FORMAT_VERSION) {
                throw new ModelFileException(file, null, "written by a newer Cepstra (format " + version.intValue()
                        + "); this version reads formats 1 to " + FORMAT_VERSION);
            }
            try {
                return ModelSetHeaderJson.read(root);
            } catch (JsonFieldException ex) {
                throw fieldError(ex.field(), ex.problem());
            }
        }

        private ModelFileException fieldError(String field, String problem) {
            return new ModelFileException(file, HEADER_ENTRY + ", field '" + field + "'", problem);
        }

        private DiagonalGmm model(int index, ModelSetHeaderJson.LabelEntry label, int d) throws ModelFileException {
            int k = label.numComponents();
            long kd = (long) k * d;
            if (kd > (Integer.MAX_VALUE - 8 - NPY_HEADER_ALLOWANCE) / Double.BYTES) {
                throw fieldError("labels[" + index + "].numComponents", k + " components of " + d
                        + " dimensions are more values than one array can hold");
            }
            double[] w = array(index, label, "weights", new long[] {k});
            double[] mu = array(index, label, "means", new long[] {k, d});
            double[] var = array(index, label, "variances", new long[] {k, d});
            double sum = 0;
            for (int c = 0; c < k; c++) {
                if (!(w[c] >= 0)) {
                    throw arrayError(index, label, "weights", "weight of component " + c + " is " + w[c]
                            + "; weights must be >= 0");
                }
                sum += w[c];
            }
            if (Math.abs(sum - 1.0) > WEIGHT_SUM_TOLERANCE) {
                throw arrayError(index, label, "weights", "the weights sum to " + sum + ", not 1 (tolerance "
                        + WEIGHT_SUM_TOLERANCE + ")");
            }
            for (int j = 0; j < var.length; j++) {
                if (!(var[j] > 0)) {
                    throw arrayError(index, label, "variances", "variance of component " + (j / d) + ", dimension "
                            + (j % d) + " is " + var[j] + "; variances must be > 0");
                }
            }
            double[][] means = new double[k][];
            double[][] variances = new double[k][];
            for (int c = 0; c < k; c++) {
                means[c] = Arrays.copyOfRange(mu, c * d, (c + 1) * d);
                variances[c] = Arrays.copyOfRange(var, c * d, (c + 1) * d);
            }
            try {
                return new DiagonalGmm(w, means, variances);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file, "model of label '" + label.label() + "' (index " + index + ")",
                        e.getMessage(), e);
            }
        }

        private double[] array(int index, ModelSetHeaderJson.LabelEntry label, String kind, long[] shape)
                throws ModelFileException {
            String entryName = entryName(kind, index);
            if (!entries.containsKey(entryName)) {
                throw new ModelFileException(file, null, "missing entry '" + entryName + "' (" + kind
                        + " of label '" + label.label() + "')");
            }
            return float64(entryName, shape, problem -> arrayError(index, label, kind, problem),
                    " (K = " + label.numComponents() + " components" + (shape.length > 1 ? ", D = " + shape[1]
                            + " dimensions)" : ")"));
        }

        /**
         * The float64 array of entry {@code entryName}, of exactly {@code shape}; a problem becomes the
         * exception {@code error} makes of it ({@code shapeNote} follows the shape the header implies).
         */
        private double[] float64(String entryName, long[] shape,
                                 java.util.function.Function<String, ModelFileException> error, String shapeNote)
                throws ModelFileException {
            ZipEntry e = entries.get(entryName);
            long count = 1;
            for (long s : shape) {
                count *= s;
            }
            long maxBytes = NPY_HEADER_ALLOWANCE + count * Double.BYTES;
            byte[] bytes = entryBytes(e, maxBytes);
            NpyArray a;
            try {
                a = Npy.read(new ByteArrayInputStream(bytes), entryName, maxBytes);
            } catch (FeatureFileException ex) {
                throw error.apply((ex.location() == null ? "" : ex.location() + ": ") + ex.problem());
            } catch (IOException | RuntimeException ex) {
                throw error.apply(String.valueOf(ex.getMessage()));
            }
            if (a.dtype() != NpyDtype.FLOAT64) {
                throw error.apply("holds " + a.dtype().descr() + " values, expected float64 (<f8)");
            }
            if (!Arrays.equals(a.shape(), shape)) {
                throw error.apply("has shape " + NpyArray.shapeString(a.shape()) + ", the header implies "
                        + NpyArray.shapeString(shape) + shapeNote);
            }
            return a.toDoubleArray();
        }

        /** The LDA projection of entry {@value #TRANSFORM_ENTRY}, the shape {@code features} implies. */
        private FeatureTransform transform(FeatureConfig features) throws ModelFileException {
            if (!entries.containsKey(TRANSFORM_ENTRY)) {
                throw new ModelFileException(file, null, "missing entry '" + TRANSFORM_ENTRY + "' (the LDA "
                        + "projection the feature configuration ends in)");
            }
            int rows = features.dimension();
            int cols = features.splicedDimension() + 1;
            double[] values = float64(TRANSFORM_ENTRY, new long[] {rows, cols},
                    problem -> new ModelFileException(file, TRANSFORM_ENTRY, problem),
                    " (LDA to " + rows + " dimensions from " + (cols - 1) + ", plus the offset column)");
            try {
                return FeatureTransform.fromAffineMatrix(rows, cols, values);
            } catch (IllegalArgumentException ex) {
                throw new ModelFileException(file, TRANSFORM_ENTRY, ex.getMessage(), ex);
            }
        }

        private ModelFileException arrayError(int index, ModelSetHeaderJson.LabelEntry label, String kind,
                String problem) {
            return new ModelFileException(file, entryName(kind, index) + " (label '" + label.label() + "')",
                    problem);
        }

        /**
         * The uncompressed bytes of {@code e}: at most {@code maxBytes} of them are ever inflated, and they
         * must match the entry's CRC and size.
         */
        private byte[] entryBytes(ZipEntry e, long maxBytes) throws ModelFileException {
            String n = e.getName();
            long declared = e.getSize();
            if (declared > maxBytes) {
                throw new ModelFileException(file, n, "entry holds " + declared + " bytes, more than the "
                        + maxBytes + " bytes its contents can take");
            }
            byte[] bytes;
            try (InputStream in = zip.getInputStream(e)) {
                bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            } catch (IOException | RuntimeException ex) {
                throw damaged(file, n, ex);
            }
            if (bytes.length > maxBytes) {
                throw new ModelFileException(file, n, "entry holds more than the " + maxBytes
                        + " bytes its contents can take");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes);
            if (crc.getValue() != e.getCrc() || declared >= 0 && bytes.length != declared) {
                throw new ModelFileException(file, n, "the file is damaged or cut short: entry " + n
                        + " fails its CRC check");
            }
            return bytes;
        }
    }
}
