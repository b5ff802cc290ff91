#!/usr/bin/env bash
# Every test in one command: installs what is missing (Orthanc, dcmtk, Chromium + chromedriver from Debian;
# OHIF from npm and Tomcat from Maven Central through the build), prepares the real sample studies, then runs
# unit tests (Surefire), Arquillian integration tests on a managed Tomcat with a real Orthanc, and browser
# tests in Chromium (Failsafe).   Extra arguments go to Maven, e.g. scripts/test.sh -Dit.test=ProxyIT
. "$(dirname "$0")/lib.sh"

install_packages browser
build_shim
prepare_samples
prepare_volume
make_clones "$CACHE/clones-200" 10 1
make_clones "$CACHE/clones-500" 25 1
cd "$ROOT"
exec mvn -B -ntp verify -Dsamples.dir="$SAMPLES" -Dclones.dir="$CACHE/clones-200" -Dclones500.dir="$CACHE/clones-500" -Dvolume.dir="$VOLUME" -Dorthanc.shim="$SHIM" "$@"
