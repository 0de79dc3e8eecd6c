"""The Pillow peer of `npm run bench` (tools/bench/src/peers.ts).

usage: pillow-peer.py seeds|outputs FILE...

Processes every file once in this process and prints one JSON line: wall and CPU
milliseconds for the whole set (interpreter start and imports excluded) and the bytes
written. `seeds` is the seeds' approach: every upload resized to 300x300 and saved as
JPEG. `outputs` makes imgpipe's resize outputs: widths 1600, 800 and 320 (never enlarged,
each from the one before) and a 200 px centre-cropped square, each as WebP q80 (method 4)
and progressive JPEG q82, upright (EXIF orientation applied), with `draft` letting libjpeg
shrink while decoding as imgpipe's shrink-on-load does.
"""
import io
import json
import sys
import time

from PIL import Image, ImageOps

WIDTHS = (1600, 800, 320)
THUMBNAIL = 200


def encoded(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getbuffer().nbytes


def seeds(path):
    with Image.open(path) as image:
        return encoded(image.convert("RGB").resize((300, 300)), "JPEG")


def both_formats(image):
    return encoded(image, "WEBP", quality=80, method=4) + encoded(
        image, "JPEG", quality=82, progressive=True
    )


def outputs(path):
    written = 0
    with Image.open(path) as source:
        source.draft("RGB", (WIDTHS[0], WIDTHS[0]))
        current = ImageOps.exif_transpose(source).convert("RGB")
    for width in WIDTHS:
        if current.width > width:
            height = max(1, round(current.height * width / current.width))
            current = current.resize((width, height), Image.Resampling.LANCZOS)
        written += both_formats(current)
    square = ImageOps.fit(current, (THUMBNAIL, THUMBNAIL), Image.Resampling.LANCZOS)
    return written + both_formats(square)


def main():
    work = {"seeds": seeds, "outputs": outputs}[sys.argv[1]]
    wall, cpu = time.perf_counter(), time.process_time()
    written = sum(work(path) for path in sys.argv[2:])
    print(
        json.dumps(
            {
                "wallMs": (time.perf_counter() - wall) * 1000,
                "cpuMs": (time.process_time() - cpu) * 1000,
                "bytes": written,
            }
        )
    )


if __name__ == "__main__":
    main()
