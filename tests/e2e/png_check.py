"""png_check.py FILE WIDTH HEIGHT - the PNG has that size and is not blank.

Decodes the PNG with zlib alone (8-bit RGB/RGBA, the five filters) and asks
for more than 1% of pixels away from the background and a few distinct
colours: a blank or all-one-colour rendering fails.
"""
import struct
import sys
import zlib

path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = open(path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("%s: not a PNG" % path)
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunk = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", chunk[:10])
    elif kind == b"IDAT":
        idat += chunk
    pos += 12 + n
if (w, h) != (want_w, want_h):
    sys.exit("%s: %dx%d, expected %dx%d" % (path, w, h, want_w, want_h))
if depth != 8 or ctype not in (2, 6):
    sys.exit("%s: colour type %d depth %d not handled" % (path, ctype, depth))
bpp = 3 if ctype == 2 else 4
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
counts = {}
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1:
            line[i] = (line[i] + a) & 255
        elif f == 2:
            line[i] = (line[i] + b) & 255
        elif f == 3:
            line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
            line[i] = (line[i] + pr) & 255
    if y % 4 == 0:   # every 4th row is plenty
        for x in range(0, w, 2):
            px = bytes(line[x * bpp:x * bpp + 3])
            counts[px] = counts.get(px, 0) + 1
    prev = line
total = sum(counts.values())
bg, bg_n = max(counts.items(), key=lambda kv: kv[1])
ink = 1 - bg_n / total
print("%s: %dx%d, %d colours, %.1f%% away from the background" %
      (path, w, h, len(counts), 100 * ink))
if len(counts) < 4 or ink < 0.01:
    sys.exit("%s looks blank" % path)
