#!/usr/bin/env python3
"""`rust-version` in Cargo.toml is true: no locked dependency needs a newer Rust.

Only one toolchain can be installed on the project's machines, so the claim is checked
from both sides instead of by building with the old compiler:
- dependencies: every package of the locked resolve (dev and build dependencies included)
  declares the Rust it needs; the highest must not exceed ours (this script);
- our own code: clippy's `incompatible_msrv` lint (on by default, and CI denies warnings)
  flags any standard-library item stabilised after our `rust-version`.

    scripts/check-msrv.py     # exit 0, or 1 naming the dependencies that need more
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def version(v):
    return tuple(int(x) for x in re.findall(r"\d+", v)[:3]) + (0,) * (3 - len(re.findall(r"\d+", v)[:3]))


def main():
    manifest = (ROOT / "Cargo.toml").read_text()
    ours = re.search(r'^rust-version\s*=\s*"([^"]+)"', manifest, re.M).group(1)
    meta = json.loads(subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    resolved = {n["id"] for n in meta["resolve"]["nodes"]}
    needs = sorted(
        ((p["rust_version"], p["name"], p["version"]) for p in meta["packages"]
         if p["id"] in resolved and p.get("rust_version") and p.get("source")),
        key=lambda x: version(x[0]))
    highest = needs[-1] if needs else ("0", "-", "-")
    too_new = [n for n in needs if version(n[0]) > version(ours)]
    for rv, name, v in too_new:
        print(f"{name} {v} needs Rust {rv}, but Cargo.toml says rust-version = \"{ours}\"")
    if not too_new:
        print(f"rust-version {ours}: true for {len(needs)} locked packages "
              f"(the highest need is {highest[1]} {highest[2]}: {highest[0]})")
    return 1 if too_new else 0


if __name__ == "__main__":
    sys.exit(main())
