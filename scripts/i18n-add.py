#!/usr/bin/env python3
"""Adds translations to internal/i18n/locales/{zh-CN,en}.json.

Input on stdin: one entry per line, three fields separated by " | ":
    key | 中文 | English
An existing key is replaced. The files stay sorted.
"""
import json, sys, os
root = os.path.join(os.path.dirname(__file__), "..", "internal", "i18n", "locales")
files = {"zh": os.path.join(root, "zh-CN.json"), "en": os.path.join(root, "en.json")}
data = {k: json.load(open(p, encoding="utf-8")) for k, p in files.items()}
n = 0
for line in sys.stdin:
    line = line.rstrip("\n")
    if not line.strip() or line.lstrip().startswith("#"):
        continue
    parts = [p.strip() for p in line.split(" | ")]
    if len(parts) != 3:
        sys.exit("bad line (want key | zh | en): " + line)
    key, zh, en = parts
    data["zh"][key], data["en"][key] = zh, en
    n += 1
for k, p in files.items():
    with open(p, "w", encoding="utf-8") as f:
        json.dump(data[k], f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
print(f"{n} entries written")
