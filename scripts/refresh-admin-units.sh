#!/usr/bin/env bash
# Refreshes domain/units/data/admin-units.json, the national list of provinces and communes (after 1/7/2025),
# from the PyPI package vietnam-provinces (data from the General Statistics Office's list of administrative units).
# Usage: scripts/refresh-admin-units.sh [version]   (default 2026.9.0). Needs python3 and network access to PyPI.
set -euo pipefail
VERSION="${1:-2026.9.0}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/domain/units/data/admin-units.json"
VENV="$(mktemp -d)"
trap 'rm -rf "$VENV"' EXIT
python3 -m venv "$VENV"
# The package declares Python >= 3.12 but its data and loader run on 3.11; we read only its JSON.
"$VENV/bin/pip" install -q --disable-pip-version-check --ignore-requires-python "vietnam-provinces==$VERSION"
"$VENV/bin/python" - "$VERSION" "$OUT" <<'PY'
import datetime, json, pathlib, sys
import vietnam_provinces
version, out = sys.argv[1], sys.argv[2]
data = json.loads((pathlib.Path(vietnam_provinces.__file__).parent / 'data' / 'nested-divisions.json').read_text('utf-8'))
provinces = []
for p in data:
    provinces.append({
        'code': p['code'],
        'name': p['name'],
        'type': p['division_type'],
        'codename': p['codename'],
        # [official code, name, type]: type is 'phường', 'xã' or 'đặc khu'
        'communes': [[w['code'], w['name'], w['division_type']] for w in p.get('wards', [])],
    })
communes = sum(len(p['communes']) for p in provinces)
if len(provinces) != 34 or not 3300 <= communes <= 3340:
    sys.exit(f'unexpected counts: {len(provinces)} provinces, {communes} communes')
doc = {
    'source': {
        'package': 'vietnam-provinces (PyPI)',
        'version': version,
        'upstream': 'Danh mục đơn vị hành chính Việt Nam, Tổng cục Thống kê (danhmuchanhchinh.gso.gov.vn), as carried by the package',
        'effective': '2025-07-01',
        'retrieved': datetime.date.today().isoformat(),
        'provinces': len(provinces),
        'communes': communes,
    },
    'provinces': provinces,
}
text = json.dumps(doc, ensure_ascii=False, separators=(',', ':'))
# One province per line keeps diffs readable.
text = text.replace(',{"code"', ',\n{"code"').replace('"provinces":[{', '"provinces":[\n{')
pathlib.Path(out).write_text(text + '\n', 'utf-8')
print(f'{out}: {len(provinces)} provinces, {communes} communes (vietnam-provinces {version})')
PY
