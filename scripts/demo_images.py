"""Draws the demo site's illustrations (original, generated). Run once with Pillow installed:

    python3 scripts/demo_images.py

The results are committed under content/; the build does not need Pillow.
"""
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
W, H = 1600, 900


def sky(draw, top, bottom):
    for y in range(H):
        t = y / H
        colour = tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
        draw.line([(0, y), (W, y)], fill=colour)


def city_hall(path):
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    sky(d, (40, 60, 110), (230, 170, 120))
    d.rectangle([0, 700, W, H], fill=(70, 70, 75))
    d.rectangle([450, 380, 1150, 700], fill=(215, 205, 185))
    d.polygon([(420, 380), (800, 230), (1180, 380)], fill=(190, 180, 160))
    for i in range(8):
        x = 490 + i * 85
        d.rectangle([x, 420, x + 30, 690], fill=(240, 235, 220))
    d.rectangle([760, 560, 840, 700], fill=(90, 60, 40))
    d.ellipse([770, 120, 830, 180], fill=(250, 230, 150))
    rng = random.Random(1)
    for _ in range(160):
        x, y = rng.randint(0, W), rng.randint(720, 880)
        d.ellipse([x, y, x + 14, y + 30], fill=(rng.randint(20, 90),) * 3)
    img.filter(ImageFilter.SMOOTH).save(path, quality=82)


def budget_chart(path):
    img = Image.new("RGB", (W, H), (248, 246, 240))
    d = ImageDraw.Draw(img)
    values = [42, 28, 14, 9, 7]
    colours = [(163, 20, 28), (26, 76, 139), (90, 130, 60), (200, 140, 30), (120, 110, 100)]
    start = -90
    for v, c in zip(values, colours):
        end = start + v * 3.6
        d.pieslice([200, 150, 800, 750], start, end, fill=c)
        start = end
    for i, (v, c) in enumerate(zip(values, colours)):
        y = 220 + i * 110
        d.rectangle([950, y, 950 + v * 12, y + 60], fill=c)
    img.save(path, quality=82)


def rail(path):
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    sky(d, (120, 150, 190), (210, 215, 220))
    d.polygon([(0, H), (W, H), (W, 560), (0, 560)], fill=(95, 100, 90))
    for k in range(30):
        y = 560 + k * k * 0.4
        half = 80 + k * 22
        d.line([(800 - half, y), (800 + half, y)], fill=(70, 50, 40), width=3 + k // 6)
    d.line([(760, 560), (200, H)], fill=(180, 180, 185), width=10)
    d.line([(840, 560), (1400, H)], fill=(180, 180, 185), width=10)
    d.rectangle([1100, 380, 1500, 560], fill=(200, 40, 40))
    for i in range(4):
        d.rectangle([1130 + i * 90, 410, 1190 + i * 90, 460], fill=(220, 230, 240))
    img.filter(ImageFilter.SMOOTH).save(path, quality=82)


def picket(path):
    img = Image.new("RGB", (W, H), (60, 60, 70))
    d = ImageDraw.Draw(img)
    sky(d, (90, 90, 110), (150, 140, 130))
    rng = random.Random(7)
    for i in range(14):
        x = 80 + i * 110 + rng.randint(-20, 20)
        d.ellipse([x, 430, x + 60, 490], fill=(rng.randint(150, 220), rng.randint(110, 170), 110))
        d.rectangle([x - 5, 490, x + 65, 760], fill=(rng.randint(20, 120), rng.randint(20, 80), rng.randint(40, 140)))
        if i % 3 == 0:
            d.line([(x + 30, 300), (x + 30, 470)], fill=(120, 90, 60), width=6)
            d.rectangle([x - 40, 220, x + 100, 310], fill=(245, 240, 225))
    d.rectangle([0, 760, W, H], fill=(50, 50, 55))
    img.save(path, quality=82)


def bank(path):
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    sky(d, (20, 40, 70), (80, 110, 150))
    d.rectangle([350, 300, 1250, 780], fill=(170, 165, 150))
    d.polygon([(320, 300), (800, 150), (1280, 300)], fill=(150, 145, 130))
    for i in range(6):
        x = 420 + i * 150
        d.rectangle([x, 340, x + 60, 760], fill=(225, 220, 205))
    d.rectangle([0, 780, W, H], fill=(40, 40, 45))
    for i in range(60):
        x = i * 27
        y = 120 + 60 * math.sin(i / 6)
        d.ellipse([x, y, x + 8, y + 8], fill=(250, 200, 80))
    img.filter(ImageFilter.SMOOTH).save(path, quality=82)


def rates_chart(path):
    img = Image.new("RGB", (W, H), (247, 247, 244))
    d = ImageDraw.Draw(img)
    for g in range(6):
        y = 150 + g * 120
        d.line([(120, y), (1500, y)], fill=(215, 215, 210), width=2)
    points = [(120 + i * 60, 700 - 500 * (0.2 + 0.6 * math.exp(-((i - 12) / 7) ** 2))) for i in range(24)]
    d.line(points, fill=(26, 76, 139), width=10, joint="curve")
    infl = [(120 + i * 60, 720 - 420 * (0.15 + 0.7 * math.exp(-((i - 9) / 5) ** 2))) for i in range(24)]
    d.line(infl, fill=(163, 20, 28), width=10, joint="curve")
    img.save(path, quality=82)


def wind(path):
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    sky(d, (150, 190, 230), (230, 240, 245))
    d.rectangle([0, 600, W, H], fill=(40, 90, 130))
    for k, (x, s) in enumerate([(300, 1.0), (700, 0.8), (1050, 0.65), (1350, 0.5)]):
        top = 600 - 420 * s
        d.line([(x, 600), (x, top)], fill=(245, 245, 245), width=int(14 * s))
        for a in range(3):
            ang = math.radians(a * 120 + k * 25)
            d.line([(x, top), (x + 200 * s * math.cos(ang), top + 200 * s * math.sin(ang))], fill=(250, 250, 250), width=int(10 * s))
    for i in range(40):
        y = 620 + i * 7
        d.line([(0, y), (W, y + 5)], fill=(60, 110, 150), width=1)
    img.filter(ImageFilter.SMOOTH).save(path, quality=82)


def harbour(path):
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    sky(d, (240, 180, 120), (120, 90, 110))
    d.rectangle([0, 560, W, H], fill=(50, 70, 90))
    for i in range(9):
        x = 100 + i * 160
        d.polygon([(x, 600), (x + 120, 600), (x + 100, 640), (x + 20, 640)], fill=(200, 60, 40) if i % 2 else (30, 30, 35))
        d.line([(x + 60, 600), (x + 60, 470)], fill=(230, 230, 230), width=4)
    d.rectangle([1200, 380, 1550, 560], fill=(90, 90, 100))
    img.save(path, quality=82)


if __name__ == "__main__":
    targets = {
        "content/local/riverton-budget-vote/city-hall.jpg": city_hall,
        "content/local/riverton-budget-vote/budget-shares.jpg": budget_chart,
        "content/transport/rail-strike.jpg": rail,
        "content/transport/picket-line.jpg": picket,
        "content/economy/valdoria-rate-decision/central-bank.jpg": bank,
        "content/economy/valdoria-rate-decision/rates-chart.jpg": rates_chart,
        "content/environment/harbour-wind-farm/turbines.jpg": wind,
        "content/environment/harbour-wind-farm/harbour.jpg": harbour,
    }
    for rel, draw in targets.items():
        out = ROOT / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        draw(out)
        print(out.relative_to(ROOT), out.stat().st_size // 1024, "KiB")
