"""Offline basemap: Natural Earth 1:110m countries (public domain, via the world-atlas TopoJSON,
ISC licence; see static/world-110m.LICENSE.txt), drawn as SVG paths in an equirectangular
projection. Decoded once per process; nothing is fetched at run time."""

from __future__ import annotations

import functools
import json
from pathlib import Path

WIDTH = 1000.0
HEIGHT = 500.0
TOPO = Path(__file__).with_name("static") / "world-110m.topo.json"


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180.0) / 360.0 * WIDTH, (90.0 - lat) / 180.0 * HEIGHT


def _decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:  # delta-encoded, quantized
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc if not pts else arc[1:])
    return pts


def _path(ring: list[tuple[float, float]]) -> str:
    out = []
    prev_lon = None
    for lon, lat in ring:
        x, y = project(lon, lat)
        # A jump across the antimeridian starts a new sub-path instead of a line across the map.
        cmd = "M" if prev_lon is None or abs(lon - prev_lon) > 180 else "L"
        out.append(f"{cmd}{x:.1f},{y:.1f}")
        prev_lon = lon
    return "".join(out) + "Z"


@functools.lru_cache(maxsize=1)
def basemap() -> tuple[tuple[str, str], ...]:
    """(country name, SVG path data) for every country."""
    topo = json.loads(TOPO.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    out = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]] if geom["type"] == "Polygon" else []
        d = "".join(_path(_ring(arcs, ring)) for poly in polys for ring in poly)
        out.append(((geom.get("properties") or {}).get("name", ""), d))
    return tuple(out)
