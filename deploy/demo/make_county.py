#!/usr/bin/env python3
"""Generates county.geojson: the fictional county C01 (滨海县) with 3 townships, 2 villages each and
2-3 grids per village. Shared borders are the same wavy polylines on both sides, so the polygons
nest exactly (townships = union of villages = union of grids) and never overlap.
Run: python3 make_county.py > county.geojson"""
import json
import math

X0, X1, Y0, Y1 = 113.9, 114.3, 22.5, 22.8
TOWNSHIP_X = [X0, 114.0333, 114.1667, X1]
VILLAGE_Y = [Y0, 22.65, Y1]
GRIDS_PER_VILLAGE = [2, 3, 3, 2, 3, 2]
STEP = 0.004
AMP = 0.0035

TOWNSHIPS = [("东湖镇", "Donghu Town"), ("西岭镇", "Xiling Town"), ("南港镇", "Nangang Town")]
VILLAGES = [("桃源村", "Taoyuan Village"), ("柳溪村", "Liuxi Village"), ("石桥村", "Shiqiao Village"),
            ("青山村", "Qingshan Village"), ("渔港社区", "Yugang Community"), ("新塘村", "Xintang Village")]


def f(y, x):
    """Offset of the horizontal border at latitude y, at longitude x."""
    s = y * 37.0
    return AMP * (0.6 * math.sin(x * 90 + s) + 0.4 * math.sin(x * 211 + 2 * s))


def g(x, t, span):
    """Offset of a vertical border at longitude x; t in [0,1] along the segment, zero at both ends."""
    return AMP * math.sin(math.pi * t) * math.sin(x * 130 + t * span * 180)


def r(v):
    return round(v, 6)


def grid_breaks():
    """x positions of all vertical borders per village: list of (village index, [x...])."""
    out = []
    for t in range(3):
        for v in range(2):
            i = t * 2 + v
            n = GRIDS_PER_VILLAGE[i]
            xl, xr = TOWNSHIP_X[t], TOWNSHIP_X[t + 1]
            xs = [xl] + [xl + (xr - xl) * (k / n + 0.04 * ((k + i) % 2 - 0.5)) for k in range(1, n)] + [xr]
            out.append(xs)
    return out


BREAKS = grid_breaks()


def touching(y):
    """All vertical border x positions meeting the horizontal border y (from either side)."""
    xs = set()
    for t in range(3):
        for v in range(2):
            ya, yb = VILLAGE_Y[v], VILLAGE_Y[v + 1]
            if y in (ya, yb):
                xs.update(BREAKS[t * 2 + v])
    return xs


def horizontal(y, xa, xb):
    samples = {xa, xb} | {x for x in touching(y) if xa < x < xb}
    k = math.ceil(X0 / STEP)
    while k * STEP < X1:
        x = k * STEP
        if xa < x < xb:
            samples.add(x)
        k += 1
    pts = sorted(samples)
    return [[r(x), r(y + f(y, x))] for x in pts]


def vertical(x, ya, yb):
    """Interior points of the vertical border x from ya up to yb (ends excluded)."""
    n = max(2, int((yb - ya) / STEP))
    pts = []
    for k in range(1, n):
        t = k / n
        y = ya + (yb - ya) * t
        pts.append([r(x + g(x, t, yb - ya)), r(y)])
    return pts


def cell(xl, xr, ya, yb):
    bottom = horizontal(ya, xl, xr)
    top = list(reversed(horizontal(yb, xl, xr)))
    right = vertical(xr, ya, yb)
    left = list(reversed(vertical(xl, ya, yb)))
    ring = bottom + right + top + left
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def multi_cell(xl, xr, ys):
    """A township spans both villages: left/right borders must pass through the village border points."""
    ring = horizontal(ys[0], xl, xr)
    for i in range(len(ys) - 1):
        ring += vertical(xr, ys[i], ys[i + 1])
        if i + 1 < len(ys) - 1:
            ring.append([r(xr), r(ys[i + 1] + f(ys[i + 1], xr))])
    ring += list(reversed(horizontal(ys[-1], xl, xr)))
    for i in range(len(ys) - 1, 0, -1):
        ring += list(reversed(vertical(xl, ys[i - 1], ys[i])))
        if i - 1 > 0:
            ring.append([r(xl), r(ys[i - 1] + f(ys[i - 1], xl))])
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def feature(code, name, name_en, level, parent, population, unit, geometry):
    return {"type": "Feature", "geometry": geometry, "properties": {
        "code": code, "name": name, "nameEn": name_en, "level": level, "parentCode": parent,
        "population": population, "responsibleUnit": unit}}


def main():
    features = []
    grids, villages, townships = [], [], []
    county_pop = 0
    for t in range(3):
        tcode = "C01-T%02d" % (t + 1)
        tpop = 0
        for v in range(2):
            i = t * 2 + v
            vcode = "%s-V%02d" % (tcode, v + 1)
            xs = BREAKS[i]
            vpop = 0
            for k in range(len(xs) - 1):
                gcode = "%s-G%02d" % (vcode, k + 1)
                pop = 900 + (i * 7 + k * 13) % 11 * 150
                vpop += pop
                grids.append(feature(gcode, "%s第%d网格" % (VILLAGES[i][0], k + 1),
                                     "%s Grid %d" % (VILLAGES[i][1], k + 1), "GRID", vcode, pop,
                                     "unit-" + gcode, cell(xs[k], xs[k + 1], VILLAGE_Y[v], VILLAGE_Y[v + 1])))
            villages.append(feature(vcode, VILLAGES[i][0], VILLAGES[i][1], "VILLAGE", tcode, vpop,
                                    "unit-" + vcode, cell(xs[0], xs[-1], VILLAGE_Y[v], VILLAGE_Y[v + 1])))
            tpop += vpop
        townships.append(feature(tcode, TOWNSHIPS[t][0], TOWNSHIPS[t][1], "TOWNSHIP", "C01", tpop,
                                 "unit-" + tcode, multi_cell(TOWNSHIP_X[t], TOWNSHIP_X[t + 1], VILLAGE_Y)))
        county_pop += tpop
    county = feature("C01", "滨海县", "Binhai County", "COUNTY", None, county_pop, "unit-C01",
                     multi_cell(X0, X1, VILLAGE_Y))
    features = [county] + townships + villages + grids
    print(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False))


main()
