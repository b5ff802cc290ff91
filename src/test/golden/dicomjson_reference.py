#!/usr/bin/env python3
"""Second, independent implementation of the plugin's DICOM JSON rules (ParseTagFromOrthanc, EncodeOhifInstance
and GetOhifStudy in Sources/Plugin.cpp of orthanc-ohif, branch OrthancOHIF-1.8),
used only to write the golden files the Java unit tests compare against, so that those files do not come
from the code under test. Standard library only.

    python3 src/test/golden/dicomjson_reference.py   # rewrites src/test/resources/dicomjson/expected/

Input: src/test/resources/dicomjson/tags/*.json (Orthanc `tags?short` answers) and studies.json (which
instances, with which Orthanc ids, make each test study). Output: one 4202 record per tags file and one study
document per study.
"""
import json
import os
import re
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, '..', 'resources', 'dicomjson')

S, I, F, LF, LS, SEQ = 'S', 'I', 'F', 'LF', 'LS', 'SEQ'
STUDY = [('0020,000d', 'StudyInstanceUID', S), ('0008,0020', 'StudyDate', S), ('0008,0030', 'StudyTime', S),
         ('0008,1030', 'StudyDescription', S), ('0010,0010', 'PatientName', S), ('0010,0020', 'PatientID', S),
         ('0008,0050', 'AccessionNumber', S), ('0010,1010', 'PatientAge', S), ('0010,0040', 'PatientSex', S)]
SERIES = [('0020,000e', 'SeriesInstanceUID', S), ('0020,0011', 'SeriesNumber', I), ('0008,103e', 'SeriesDescription', S),
          ('0008,0060', 'Modality', S), ('0018,0050', 'SliceThickness', F)]
INSTANCE = [('0028,0011', 'Columns', I), ('0028,0010', 'Rows', I), ('0020,0013', 'InstanceNumber', I),
            ('0008,0016', 'SOPClassUID', S), ('0028,0004', 'PhotometricInterpretation', S),
            ('0028,0100', 'BitsAllocated', I), ('0028,0101', 'BitsStored', I), ('0028,0103', 'PixelRepresentation', I),
            ('0028,0002', 'SamplesPerPixel', I), ('0028,0030', 'PixelSpacing', LF), ('0028,0102', 'HighBit', I),
            ('0020,0037', 'ImageOrientationPatient', LF), ('0020,0032', 'ImagePositionPatient', LF),
            ('0020,0052', 'FrameOfReferenceUID', S), ('0008,0008', 'ImageType', LS), ('0008,0060', 'Modality', S),
            ('0008,0018', 'SOPInstanceUID', S), ('0020,000e', 'SeriesInstanceUID', S),
            ('0020,000d', 'StudyInstanceUID', S), ('0028,1050', 'WindowCenter', F), ('0028,1051', 'WindowWidth', F),
            ('0008,0021', 'SeriesDate', S), ('0008,0022', 'AcquisitionDate', S), ('0008,0032', 'AcquisitionTime', S),
            ('0008,0031', 'SeriesTime', S), ('0010,1020', 'PatientSize', F), ('0010,1030', 'PatientWeight', F),
            ('0018,1242', 'ActualFrameDuration', I), ('0028,0051', 'CorrectedImage', LS), ('0054,1001', 'Units', S),
            ('0054,1102', 'DecayCorrection', S), ('0054,1300', 'FrameReferenceTime', F),
            ('0054,0016', 'RadiopharmaceuticalInformationSequence', SEQ), ('0028,1052', 'RescaleIntercept', F),
            ('0028,1053', 'RescaleSlope', F), ('0028,0008', 'NumberOfFrames', I), ('7053,1000', '70531000', F),
            ('7053,1009', '70531009', F), ('0009,100d', '0009100d', S)]
assert (len(STUDY), len(SERIES), len(INSTANCE)) == (9, 5, 39)

DECIMAL = re.compile(r'[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$')
INTEGER = re.compile(r'[+-]?[0-9]+$')


def as_float(token):
    token = token.strip()
    if not DECIMAL.match(token):
        return None
    try:
        return struct.unpack('<f', struct.pack('<f', float(token)))[0]  # single precision, as the plugin
    except OverflowError:
        return None


def as_int(token):
    token = token.strip()
    if not INTEGER.match(token):
        return None
    v = int(token)
    return v if -2**31 <= v < 2**31 else None


def convert(kind, value):
    first = value.split('\\')[0]
    if kind == S:
        return value
    if kind == I:
        return as_int(first)
    if kind == F:
        return as_float(first)
    if kind == LF:
        return [f for f in (as_float(t) for t in value.split('\\')) if f is not None]
    if kind == LS:
        return value.split('\\')
    raise ValueError(kind)


def pet(seq):
    if not isinstance(seq, list) or not seq or not isinstance(seq[0], dict):
        return None
    item = seq[0]
    text = lambda k: item[k] if isinstance(item.get(k), str) else None
    half, dose, dt, t = text('0018,1075'), text('0018,1074'), text('0018,1078'), text('0018,1072')
    if half is None or dose is None or (dt is None and t is None):
        return None
    out = {}
    if as_float(half) is not None:
        out['RadionuclideHalfLife'] = as_float(half)
    if as_float(dose) is not None:
        out['RadionuclideTotalDose'] = as_float(dose)
    if dt is not None:
        out['RadiopharmaceuticalStartDateTime'] = dt
    else:
        out['RadiopharmaceuticalStartTime'] = t
    return [out]


def record(tags):
    out = {}
    for tag, _, kind in STUDY + SERIES + INSTANCE:
        if tag in out:
            continue
        value = tags.get(tag)
        if kind == SEQ:
            v = pet(value)
        elif isinstance(value, str):
            v = convert(kind, value)
        else:
            v = None
        if v is not None:
            out[tag] = v
    out['Version'] = 2
    return out


def copy(rec, table):
    return {name: rec[tag] for tag, name, _ in table if tag in rec and rec[tag] is not None}


def document(entries):
    """entries: [(orthanc id, record)] in Orthanc's order."""
    studies = {}
    for oid, rec in entries:
        if isinstance(rec.get('0020,000d'), str):
            studies.setdefault(rec['0020,000d'], []).append((oid, rec))
    out = []
    for uid in sorted(studies):
        group = studies[uid]
        study = copy(group[0][1], STUDY)
        series_groups = {}
        for oid, rec in group:
            if isinstance(rec.get('0020,000e'), str):
                series_groups.setdefault(rec['0020,000e'], []).append((oid, rec))
        series_list, modalities, count = [], set(), 0
        for suid in sorted(series_groups):
            members = series_groups[suid]
            if isinstance(members[0][1].get('0008,0060'), str):
                modalities.add(members[0][1]['0008,0060'])
            s = copy(members[0][1], SERIES)
            instances = []
            for oid, rec in members:
                md = copy(rec, INSTANCE)
                if isinstance(md.get('WindowWidth'), float) and md['WindowWidth'] < 1:  # ohif-bridge: invalid window
                    md.pop('WindowWidth')
                    md.pop('WindowCenter', None)
                url = 'dicomweb:../instances/%s/file' % oid
                frames = rec.get('0028,0008')
                if isinstance(frames, int) and frames > 1:  # ohif-bridge: one entry per frame
                    instances += [{'metadata': md, 'url': url + '?frame=%d' % k} for k in range(1, frames + 1)]
                else:
                    instances.append({'metadata': md, 'url': url})
                count += 1
            s['instances'] = instances
            series_list.append(s)
        study['Modalities'] = ','.join(sorted(modalities))
        study['NumInstances'] = count
        study['series'] = series_list
        out.append(study)
    return {'studies': out}


def main():
    tags_dir = os.path.join(RES, 'tags')
    out_dir = os.path.join(RES, 'expected')
    os.makedirs(out_dir, exist_ok=True)
    records = {}
    for name in sorted(os.listdir(tags_dir)):
        with open(os.path.join(tags_dir, name), encoding='utf-8') as f:
            records[name[:-5]] = record(json.load(f))
        with open(os.path.join(out_dir, 'record-' + name), 'w', encoding='utf-8') as f:
            json.dump(records[name[:-5]], f, sort_keys=True, ensure_ascii=False, indent=1)
            f.write('\n')
    with open(os.path.join(RES, 'studies.json'), encoding='utf-8') as f:
        studies = json.load(f)
    for study, members in sorted(studies.items()):
        doc = document([(m['id'], records[m['tags']]) for m in members])
        with open(os.path.join(out_dir, 'study-' + study + '.json'), 'w', encoding='utf-8') as f:
            json.dump(doc, f, sort_keys=True, ensure_ascii=False, indent=1)
            f.write('\n')


if __name__ == '__main__':
    main()
