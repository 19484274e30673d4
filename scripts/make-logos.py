#!/usr/bin/env python3
"""make-logos.py: writes the sample provider's cover logo and the bad logos of
the golden bad-input corpus (run once; the files are committed).

    scripts/make-logos.py

samples/provider/logo.png is a small RGBA image drawn here (a house by a
river, anti-aliased, transparent background). The tests/bad/config-logo-*
cases get a PNG broken in one way each. Only the standard library is used.
"""
import math
import os
import struct
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def chunk(kind, data, crc=None):
    c = zlib.crc32(kind + data) if crc is None else crc
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", c & 0xFFFFFFFF)


def png(width, height, rows, color_type=6, idat=None, ihdr=None):
    """rows: bytes per row (without the filter byte)."""
    raw = b"".join(b"\0" + r for r in rows)
    ihdr = ihdr or struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", idat if idat is not None else zlib.compress(raw, 9)) +
            chunk(b"IEND", b""))


def logo():
    """A navy house on a river bank (two blue waves), 4x supersampled."""
    w, h, ss = 192, 96, 4
    navy, blue = (0, 58, 112), (0, 114, 178)

    def inside(x, y):  # x, y in logo units (0..w, 0..h), y down
        # Roof: triangle apex (96, 6), base y = 34 from x = 61 to 131.
        if 6 <= y <= 34 and abs(x - 96) <= (y - 6) * 35 / 28:
            return navy
        # Walls with a window and a door cut out, on a ground line.
        if 34 <= y <= 58 and 68 <= x <= 124:
            if 40 <= y <= 49 and 76 <= x <= 89:
                return None
            if 42 <= y <= 58 and 102 <= x <= 113:
                return None
            return navy
        if 58 <= y <= 61 and 44 <= x <= 148:
            return navy
        # The river: two waves below, |y - (c + 3 sin)| < 2.5.
        for c in (76, 87):
            if 28 <= x <= 164 and abs(y - (c + 3 * math.sin((x - 28) / 10.0))) < 2.5:
                return blue
        return None

    rows = []
    for py in range(h):
        row = bytearray()
        for px in range(w):
            acc = [0, 0, 0]
            hits = 0
            for sy in range(ss):
                for sx in range(ss):
                    col = inside(px + (sx + 0.5) / ss, py + (sy + 0.5) / ss)
                    if col:
                        hits += 1
                        for i in range(3):
                            acc[i] += col[i]
            if hits:
                row += bytes([acc[0] // hits, acc[1] // hits, acc[2] // hits,
                              round(255 * hits / (ss * ss))])
            else:
                row += b"\0\0\0\0"
        rows.append(bytes(row))
    return png(w, h, rows)


def write(path, data):
    path = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main():
    good = logo()
    write("samples/provider/logo.png", good)
    small_rows = [bytes([255, 0, 0] * 8)] * 8
    small = png(8, 8, small_rows, color_type=2)
    # IDAT's CRC wrong by one bit.
    i = small.index(b"IDAT")
    n = struct.unpack(">I", small[i - 4:i])[0]
    crc_at = i + 4 + n
    bad_crc = small[:crc_at] + bytes([small[crc_at] ^ 1]) + small[crc_at + 1:]
    write("tests/bad/config-logo-bad-crc/logo.png", bad_crc)
    # Cut in the middle of IDAT.
    write("tests/bad/config-logo-truncated/logo.png", good[:len(good) // 2])
    # A GIF saved as logo.png.
    write("tests/bad/config-logo-not-png/logo.png",
          b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    # 100000 x 100000 pixels declared (valid CRCs, tiny data).
    huge = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
    write("tests/bad/config-logo-huge/logo.png",
          png(100000, 100000, [], ihdr=huge, idat=zlib.compress(b"\0" * 64)))
    # Valid chunks and CRCs, but the compressed data is not zlib.
    write("tests/bad/config-logo-bad-zlib/logo.png",
          png(8, 8, small_rows, color_type=2, idat=b"\x78\x9c\xff\xff\xff\xff garbage"))


if __name__ == "__main__":
    main()
