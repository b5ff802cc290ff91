# shellcheck shell=bash
# make_ct_volume SRC_DCM OUT_DIR [SLICES [STEP]]: an axial CT volume series for OHIF's MPR hanging protocol
# (hangingprotocolId=mprAnd3DVolumeViewport), built from one real, uncompressed 16-bit CT slice.
# Meant to be sourced by scripts/lib.sh (uses log, die, random_uid).
#
# Why: OHIF 3.13 only offers MPR/3D for a display set that is CT and "isReconstructable", i.e. (@ohif/core
# isDisplaySetReconstructable) at least 2 single-frame images, all with ImagePositionPatient, the same
# Rows/Columns/SamplesPerPixel and ImageOrientationPatient (+-0.01), Rows/Columns <= max3DTextureSize, and
# positions on a regular grid (each step within 20% of the average distance). The sample slices we have are
# lone images, so this makes a reconstructable series:
#  - SLICES files ct_001.dcm.. (default 64), CT Image Storage, Explicit VR Little Endian, no group lengths;
#  - one new StudyInstanceUID, SeriesInstanceUID and FrameOfReferenceUID, a new SOPInstanceUID per file;
#  - InstanceNumber 1..N, ImageOrientationPatient 1\0\0\0\1\0, ImagePositionPatient x,y constant (image
#    centred on 0,0) and z = (i - (N+1)/2) * 2.0 mm; SliceThickness = SpacingBetweenSlices = 2.0,
#    SliceLocation = z; PixelSpacing from the source, or 0.3125\0.3125 when it has none (the ankle
#    sample CT-MONO2-16-ankle.dcm is a 512x512 secondary capture of a 3D surface rendering, with
#    burned-in text saying DFOV 16.0 cm, and has no PixelSpacing, orientation or position of its own);
#  - patient Volume^CT / CTVOL1, study "CT VOLUME (MPR)", ImageType ORIGINAL\PRIMARY\AXIAL;
#  - WindowCenter/Width = the 1st..99th percentile of the source's non-background pixels, in rescaled
#    (Hounsfield) units, i.e. after RescaleSlope/Intercept, which are kept from the source.
# Pixels (real data only, nothing synthesized): slice i is the source image scaled about its centre by
# s = sqrt(1 - 0.75 t^2), t = -1..1 from first to last slice (s = 1 in the middle, 0.5 at both ends),
# nearest neighbour; what falls outside the source is the source's background (its most frequent value).
# Every output pixel value is therefore a value of the source slice, and the coronal/sagittal
# reformats show a smooth ellipsoid-like profile instead of a stack of identical images.
# Idempotent: OUT_DIR is wiped first. Needs dcmtk and python3 (standard library only).
make_ct_volume() {
  local src="${1:-}" out="${2:-}" n="${3:-64}" step="${4:-1}"
  local thick=2.0
  [ -f "$src" ] || die "make_ct_volume: no source file '$src'"
  [ -n "$out" ] || die "usage: make_ct_volume SRC_DCM OUT_DIR [SLICES]"
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 3 ] && [ "$n" -le 999 ] || die "make_ct_volume: SLICES must be 3..999, got '$n'"
  [[ "$step" =~ ^[1-4]$ ]] || die "make_ct_volume: STEP must be 1..4, got '$step'"
  local tmp; tmp="$(mktemp -d)"
  rm -rf "$out" && mkdir -p "$out"

  # template: the source as Explicit VR Little Endian without group length elements
  dcmconv -q +te -g "$src" "$tmp/template.dcm" || { rm -rf "$tmp"; die "make_ct_volume: dcmconv failed on $src"; }
  local tag attrs=()
  for tag in 0028,0002 0028,0010 0028,0011 0028,0100 0028,0103 0028,0030 0028,1052 0028,1053; do
    attrs+=("$(dcmdump -q -s +P "$tag" "$tmp/template.dcm" 2>/dev/null | sed -n '1s/^([^)]*) .. \(\[\(.*\)\]\|\([^ ]*\)\) .*/\2\3/p' || true)")
  done
  local spp="${attrs[0]}" rows="${attrs[1]}" cols="${attrs[2]}" bits="${attrs[3]}" signed="${attrs[4]}"
  local spacing="${attrs[5]:-0.3125\\0.3125}" intercept="${attrs[6]:-0}" slope="${attrs[7]:-1}"
  # dates and times as DA/TM (the ankle sample has ACR-NEMA style 1993.04.30 and 11:27:24)
  local datetime=()
  for tag in 0008,0020 0008,0021 0008,0023 0008,0030 0008,0031 0008,0033; do
    local v; v="$(dcmdump -q -s +P "$tag" "$tmp/template.dcm" 2>/dev/null | sed -n '1s/^([^)]*) .. \[\(.*\)\] .*/\1/p' || true)"
    if [ -n "$v" ]; then datetime+=(-i "($tag)=${v//[.:]/}"); fi
  done
  if [ "$spp" != 1 ] || [ "$bits" != 16 ] || [ -z "$rows" ] || [ -z "$cols" ]; then
    rm -rf "$tmp"; die "make_ct_volume: $src is not a 16-bit grayscale image (SamplesPerPixel=$spp BitsAllocated=$bits)"
  fi
  mkdir -p "$tmp/raw"
  dcmdump -q +W "$tmp/raw" "$tmp/template.dcm" >/dev/null
  local raw; raw="$(find "$tmp/raw" -name '*.raw' | head -1)"
  [ -s "$raw" ] && [ "$(stat -c %s "$raw")" -eq $((rows * cols * 2)) ] \
    || { rm -rf "$tmp"; die "make_ct_volume: cannot read uncompressed single-frame pixel data from $src"; }

  # pixels of every slice (slice_NNN.raw) plus "WC WW" on the first line and "z" per slice after it
  python3 - "$raw" "$rows" "$cols" "${signed:-0}" "$slope" "$intercept" "$n" "$thick" "$tmp" "$step" >"$tmp/geometry" <<'PY' \
    || { rm -rf "$tmp"; die "make_ct_volume: pixel resampling failed"; }
import array, collections, math, operator, sys
raw, rows, cols, signed, slope, intercept, n, thick, tmp, step = sys.argv[1:]
rows, cols, n, thick, step = int(rows), int(cols), int(n), float(thick), int(step)
slope, intercept = float(slope), float(intercept)
src = array.array('h' if signed == '1' else 'H')
with open(raw, 'rb') as f:
    src.frombytes(f.read())
if sys.byteorder == 'big':
    src.byteswap()
bg = collections.Counter(src).most_common(1)[0][0]          # background (air) value
fg = sorted(v for v in src if v != bg) or [bg]
lo, hi = fg[int(0.01 * (len(fg) - 1))], fg[int(0.99 * (len(fg) - 1))]
lo, hi = lo * slope + intercept, hi * slope + intercept
print('%g %g' % ((lo + hi) / 2, max(hi - lo, 1)))
lines = [src[r * cols:(r + 1) * cols].tolist() + [bg] for r in range(rows)]   # index cols = background
blank = [bg] * (cols + 1)
cy, cx = (rows - 1) / 2, (cols - 1) / 2
for k in range(n):
    t = 2 * k / (n - 1) - 1
    s = math.sqrt(1 - 0.75 * t * t)
    cmap = [int(round(cx + (j - cx) / s)) for j in range(0, cols - step + 1, step)]   # every step-th pixel
    cmap = [c if 0 <= c < cols else cols for c in cmap]
    rmap = [int(round(cy + (i - cy) / s)) for i in range(0, rows - step + 1, step)]
    pick = operator.itemgetter(*cmap)
    out = array.array(src.typecode)
    for r in rmap:
        out.extend(pick(lines[r] if 0 <= r < rows else blank))
    if sys.byteorder == 'big':
        out.byteswap()
    with open('%s/slice_%03d.raw' % (tmp, k + 1), 'wb') as f:
        out.tofile(f)
    print('%g' % ((k - (n - 1) / 2) * thick))
PY
  local wc ww; read -r wc ww <"$tmp/geometry"
  # STEP > 1 keeps every STEP-th row and column: a smaller volume (the browser tests render it in software GL)
  rows=$((rows / step)); cols=$((cols / step))
  local prow="${spacing%%\\*}" pcol="${spacing#*\\}"
  spacing="$(awk -v a="$prow" -v b="$pcol" -v k="$step" 'BEGIN { printf "%g\\%g", a * k, b * k }')"
  local x0 y0
  x0="$(awk -v c="$cols" -v p="${spacing#*\\}" 'BEGIN { printf "%g", -c * p / 2 }')"
  y0="$(awk -v r="$rows" -v p="${spacing%%\\*}" 'BEGIN { printf "%g", -r * p / 2 }')"

  dcmodify -nb -q -g \
    -i "(0008,0008)=ORIGINAL\\PRIMARY\\AXIAL" -i "(0008,0016)=1.2.840.10008.5.1.4.1.1.2" \
    -i "(0008,0050)=" -i "(0008,0060)=CT" -i "(0008,1030)=CT VOLUME (MPR)" \
    -i "(0008,103e)=AXIAL ${thick} mm x ${n} (resampled real CT)" \
    -i "(0010,0010)=Volume^CT" -i "(0010,0020)=CTVOL1" -i "(0010,0030)=" -i "(0010,0040)=O" \
    -i "(0018,0050)=$thick" -i "(0018,0060)=120" -i "(0018,0088)=$thick" -i "(0018,5100)=FFS" \
    -i "(0020,000d)=$(random_uid)" -i "(0020,000e)=$(random_uid)" -i "(0020,0010)=1" \
    -i "(0020,0011)=1" -i "(0020,0012)=1" -i "(0020,0052)=$(random_uid)" -i "(0020,1040)=" \
    -i "(0020,0037)=1\\0\\0\\0\\1\\0" -i "(0028,0030)=$spacing" -i "(0028,0010)=$rows" -i "(0028,0011)=$cols" \
    -i "(0028,1050)=$wc" -i "(0028,1051)=$ww" -i "(0028,1052)=$intercept" -i "(0028,1053)=$slope" \
    -i "(0028,1054)=HU" \
    -i "(0020,4000)=Test volume: slice i = real source slice scaled about its centre by sqrt(1-0.75t^2)" \
    -e "(0008,0064)" -e "(0028,0106)" -e "(0028,0107)" -e "(0028,0120)" -imt \
    "${datetime[@]}" "$tmp/template.dcm" || { rm -rf "$tmp"; die "make_ct_volume: dcmodify failed on the template"; }

  local i=0 z f
  while read -r z; do
    i=$((i + 1))
    f="$(printf '%s/ct_%03d.dcm' "$out" "$i")"
    cp "$tmp/template.dcm" "$f"
    dcmodify -nb -q -i "(0008,0018)=$(random_uid)" -i "(0020,0013)=$i" \
      -i "(0020,0032)=$x0\\$y0\\$z" -i "(0020,1041)=$z" \
      -mf "(7fe0,0010)=$(printf '%s/slice_%03d.raw' "$tmp" "$i")" "$f" \
      || { rm -rf "$tmp"; die "make_ct_volume: dcmodify failed on $f"; }
  done < <(tail -n +2 "$tmp/geometry")
  rm -rf "$tmp"
  [ "$i" -eq "$n" ] || die "make_ct_volume: wrote $i of $n slices"
  log "made a $n-slice axial CT volume in $out (WC/WW $wc/$ww, ${thick} mm spacing)"
}
