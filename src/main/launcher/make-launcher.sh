#!/bin/sh
# Build step (package phase): writes the launcher BUILD_DIR/bin/cepstra and the class-data-sharing
# archive BUILD_DIR/cepstra.jsa for BUILD_DIR/cepstra.jar.
#
# The archive lists the classes that a few short runs of the command line load (features, train,
# classify --streaming, evaluate --json, fit, and a phone-style evaluate from alignments with LDA and states,
# over part of the FSDD sample in corpora/); Java maps
# them from the archive at start instead of reading and verifying them from the jar. If anything here fails, the
# build goes on without an archive and the launcher runs the jar as it is.
#
# usage: make-launcher.sh LAUNCHER_TEMPLATE BUILD_DIR JAVA_HOME CORPUS_DIR
set -u
template=$1
build=$(CDPATH= cd -P -- "$2" && pwd -P) || exit 1
java=$3/bin/java
corpus=$4
jar=$build/cepstra.jar
archive=$build/cepstra.jsa
work=$build/cds

mkdir -p "$build/bin" || exit 1
cp "$template" "$build/bin/cepstra" && chmod 755 "$build/bin/cepstra" || exit 1
rm -f "$archive"
rm -rf "$work"
mkdir -p "$work" || exit 1

# The reason is also left in cds/no-archive.txt, where the packaging tests look for it.
skip() {
    echo "[WARNING] no class-data archive ($1): $build/bin/cepstra will start without it" >&2
    echo "$1" >"$work/no-archive.txt" 2>/dev/null
    exit 0
}

[ -f "$jar" ] || skip "$jar is missing"
[ -d "$corpus" ] || skip "$corpus is missing"

# A small corpus (three digits, eight recordings each) is enough: the classes loaded do not depend on
# how many files there are.
mkdir -p "$work/corpus" || exit 1
for digit in 0 1 2; do
    for i in 0 1 2 3 4 5 6 7; do
        cp "$corpus/${digit}_jackson_$i.wav" "$work/corpus/" || skip "cannot copy $corpus/${digit}_jackson_$i.wav"
    done
done
corpus=$work/corpus

# One class list per run; C1 alone keeps these short runs quick (the JIT does not change the list).
run() {
    name=$1
    shift
    "$java" -XX:TieredStopAtLevel=1 "-XX:DumpLoadedClassList=$work/$name.classlist" -jar "$jar" "$@" \
        >"$work/$name.out" 2>&1 || skip "cepstra $* failed: see $work/$name.out"
}
run features features "$corpus" -o "$work/features.ark"
run train train "$corpus" --label-pattern '^(\d)_' -k 4 -o "$work/digits.npz"
run classify classify "$work/digits.npz" --streaming "$corpus/0_jackson_0.wav"
run evaluate evaluate "$work/digits.npz" "$corpus" --label-pattern '^(\d)_' --json
run fit fit "$work/features.ark" -k 2 -o "$work/features.gmm"
# Models of segments from alignments, with spliced frames, LDA and states (the phone recipe's classes): each
# recording cut into two HTK segments, the recordings of take 7 for testing
mkdir -p "$work/lab" || exit 1
printf 'clip,split\n' >"$work/split.csv" || skip "cannot write $work/split.csv"
for wav in "$corpus"/*.wav; do
    stem=$(basename "$wav" .wav)
    printf '0 1500000 a\n1500000 3000000 b\n' >"$work/lab/$stem.lab" || skip "cannot write $work/lab/$stem.lab"
    case $stem in
        *_7) split=dev ;;
        *) split=train ;;
    esac
    printf '%s,%s\n' "$stem" "$split" >>"$work/split.csv" || skip "cannot write $work/split.csv"
done
run phones evaluate "$corpus" --alignments "$work/lab" --split-file "$work/split.csv" -k 2 --splice 4 --no-deltas \
    --lda 4 --lda-states 3 --states 3 --no-calibration --training-priors

cat "$work"/*.classlist | awk '!seen[$0]++' >"$work/all.classlist" || skip "cannot merge the class lists"
"$java" -Xshare:dump "-XX:SharedClassListFile=$work/all.classlist" "-XX:SharedArchiveFile=$archive" \
    -Xlog:cds=off,cds+dynamic=off -jar "$jar" >"$work/dump.out" 2>&1 \
    || { rm -f "$archive"; skip "java -Xshare:dump failed: see $work/dump.out"; }
