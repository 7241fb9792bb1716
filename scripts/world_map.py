#!/usr/bin/env python3
"""Converts Natural Earth's 1:110m countries (as npm's world-atlas package ships them, TopoJSON)
into the two small files entente's maps draw from, once; the results are committed with their
provenance (crates/render/assets/PROVENANCE.md). Natural Earth is in the public domain, so unlike
the datasets the outline may ship in the binary, and the maps work offline.

    python3 scripts/world_map.py [WORLD_ATLAS_DIR]   # default: npm pack world-atlas@2.0.2 into a temp dir

Writes
  crates/render/assets/world-110m.txt    one line per country: ISO3, tab, an SVG path in an
                                          equirectangular 1000 x 500 box (lon -180..180, lat 90..-90),
                                          integer coordinates, consecutive repeats dropped
  crates/render/assets/world-110m-points.csv
                                          iso3,numeric,name,lon,lat: the area centroid of each
                                          country's largest polygon (a label point inside the
                                          country for most shapes; not its capital)
ISO 3166-1 numeric codes (world-atlas's ids) become alpha-3 through pycountry (pip); features
without a numeric code (N. Cyprus, Somaliland, Kosovo) are kept under a code made from their name
only where the CAMEO and COW tables have one (Kosovo: XKX), else left out; Antarctica is left out.
"""

import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile

import pycountry

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "crates", "render", "assets")
W, H = 1000.0, 500.0
NO_NUMERIC = {"Kosovo": "XKX"}


def world_atlas_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    tmp = tempfile.mkdtemp()
    subprocess.run(["npm", "pack", "world-atlas@2.0.2"], cwd=tmp, check=True, capture_output=True)
    subprocess.run(["tar", "xzf", "world-atlas-2.0.2.tgz"], cwd=tmp, check=True)
    return os.path.join(tmp, "package")


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, idx):
    pts = []
    for i in idx:
        a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(a if not pts else a[1:])
    return pts


def polygons(geom, arcs):
    if geom["type"] == "Polygon":
        return [[ring(arcs, r) for r in geom["arcs"]]]
    if geom["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in poly] for poly in geom["arcs"]]
    return []


def area_centroid(pts):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if a == 0:
        return 0.0, pts[0]
    return a / 2, (cx / (3 * a), cy / (3 * a))


def project(lon, lat):
    return round((lon + 180) / 360 * W), round((90 - lat) / 180 * H)


def main():
    src = os.path.join(world_atlas_dir(), "countries-110m.json")
    raw = open(src, "rb").read()
    topo = json.loads(raw)
    arcs = decode_arcs(topo)
    os.makedirs(OUT, exist_ok=True)
    lines, points = [], []
    for g in topo["objects"]["countries"]["geometries"]:
        name = g.get("properties", {}).get("name", "")
        if name == "Antarctica":
            continue
        num = g.get("id")
        if num is not None:
            c = pycountry.countries.get(numeric=str(num).zfill(3))
            iso3 = c.alpha_3 if c else None
        else:
            iso3 = NO_NUMERIC.get(name)
        if not iso3:
            continue
        path = []
        best = (0.0, None)
        for poly in polygons(g, arcs):
            for k, r in enumerate(poly):
                # A ring cut at the antimeridian (Russia's Chukotka, Fiji) is unwrapped eastwards,
                # drawn once as is and once shifted a world west; the viewBox clips both.
                lons = [lon for lon, _ in r]
                crosses = max(lons) - min(lons) > 180
                if crosses:
                    r = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in r]
                for shift in ([0, -W] if crosses else [0]):
                    prev = None
                    seg = []
                    for lon, lat in r:
                        x, y = project(lon, lat)
                        p = (x + int(shift), y)
                        if p != prev:
                            seg.append(p)
                            prev = p
                    if len(seg) >= 3:
                        path.append("M" + "L".join(f"{x},{y}" for x, y in seg) + "Z")
                if k == 0:
                    a, c = area_centroid(r)
                    if abs(a) > best[0]:
                        lon, lat = c
                        best = (abs(a), (lon - 360 if lon > 180 else lon, lat))
        if not path or best[1] is None:
            continue
        lines.append(f"{iso3}\t{''.join(path)}")
        lon, lat = best[1]
        points.append((iso3, num or "", name, round(lon, 2), round(lat, 2)))
    lines.sort()
    points.sort()
    with open(os.path.join(OUT, "world-110m.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(OUT, "world-110m-points.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["iso3", "numeric", "name", "lon", "lat"])
        w.writerows(points)
    print(f"{len(lines)} countries from {src} (sha256 {hashlib.sha256(raw).hexdigest()})")


if __name__ == "__main__":
    main()
