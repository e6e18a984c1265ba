#!/usr/bin/env python3
"""Writes the "Edge agent size" section of docs/benchmarks.md from edge preset build folders.

usage: report.py (--print | --doc docs/benchmarks.md) [--baseline DIR] BUILD_DIR...

Each BUILD_DIR was configured by a preset of CMakePresets.json, has built suanli-agent and holds
the .deb cpack made in BUILD_DIR/packages. The shipped binary is the one inside the .deb (CPack
strips it with the build's strip); symbols come from the build's own, unstripped, link.
--baseline names a build folder of another flavour (e.g. the default RelWithDebInfo build) whose
suanli-agent, stripped here, is shown for comparison.
"""
import argparse
import datetime
import glob
import os
import platform
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from doc_section import write_section  # noqa: E402

BEGIN = "<!-- BEGIN edge_size: written by bench/edge_size/run.sh; edits are overwritten -->"
END = "<!-- END edge_size -->"
TARGET_BYTES = 2_000_000
TRIPLETS = {"amd64": "x86_64-linux-gnu", "arm64": "aarch64-linux-gnu"}
# Symbol groups, first match wins: a template of a library instantiated for suanli's types
# counts for the library, since the library's code is what it expands.
GROUPS = [
    ("nlohmann::json", re.compile(r"nlohmann::")),
    ("CLI11", re.compile(r"\bCLI::")),
    ("spdlog", re.compile(r"\bspdlog::")),
    ("fmt", re.compile(r"\bfmt::")),
    ("Boost (Asio, Beast)", re.compile(r"\bboost::")),
    ("Paho C++ (mqtt::)", re.compile(r"\bmqtt::")),
    ("suanli", re.compile(r"\bsuanli::")),
    ("libstdc++ templates (std::)", re.compile(r"\bstd::")),
]
OTHER = "other (C functions, runtime, anonymous)"


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def cache_value(build_dir, name):
    with open(os.path.join(build_dir, "CMakeCache.txt")) as f:
        for line in f:
            if line.startswith(name + ":"):
                return line.split("=", 1)[1].strip()
    return ""


def compiler_of(build_dir):
    """The C++ compiler CMake found (a toolchain file's is not in CMakeCache.txt)."""
    for path in glob.glob(os.path.join(build_dir, "CMakeFiles", "*", "CMakeCXXCompiler.cmake")):
        m = re.search(r'set\(CMAKE_CXX_COMPILER "([^"]+)"\)', open(path).read())
        if m:
            return m.group(1)
    return "c++"


def sections(binary):
    """Name -> size of the sections that take room in the file."""
    out = {}
    for line in run("readelf", "-S", "-W", binary).splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+(\S+)\s+\S+\s+\S+\s+([0-9a-f]+)", line)
        if m and m.group(2) != "NOBITS":
            out[m.group(1)] = int(m.group(3), 16)
    return out


def needed(binary):
    return re.findall(r"\(NEEDED\).*\[(.+)\]", run("readelf", "-d", binary))


def package_of(lib, arch):
    try:
        line = run("dpkg", "-S", f"*/{TRIPLETS[arch]}/{lib}").splitlines()[0]
    except (subprocess.CalledProcessError, IndexError, KeyError):
        return "?"
    return line.split(":", 1)[0]


def symbol_groups(nm, binary):
    groups = {name: 0 for name, _ in GROUPS}
    groups[OTHER] = 0
    largest = []
    for line in run(nm, "--size-sort", "-S", "-C", binary).splitlines():
        parts = line.split(None, 3)
        if len(parts) < 4 or parts[2] in "bBU":  # .bss takes no room in the file
            continue
        size, name = int(parts[1], 16), parts[3]
        group = next((g for g, rx in GROUPS if rx.search(name)), OTHER)
        groups[group] += size
        largest.append((size, name))
    largest.sort(reverse=True)
    return groups, largest[:10]


def measure(build_dir):
    debs = glob.glob(os.path.join(build_dir, "packages", "suanli-agent_*.deb"))
    if len(debs) != 1:
        sys.exit(f"report.py: expected one suanli-agent .deb in {build_dir}/packages, found {debs}")
    deb = debs[0]
    field = lambda f: run("dpkg-deb", "--field", deb, f).strip()
    arch = field("Architecture")
    with tempfile.TemporaryDirectory() as root:
        run("dpkg-deb", "--extract", deb, root)
        shipped = os.path.join(root, "usr", "bin", "suanli-agent")
        size = os.path.getsize(shipped)
        secs = sections(shipped)
        libs = needed(shipped)
        elf = run("file", "-b", shipped).split(",")[:2]
    built = os.path.join(build_dir, "agent", "suanli-agent")
    groups, largest = symbol_groups(cache_value(build_dir, "CMAKE_NM") or "nm", built)
    compiler = compiler_of(build_dir)
    return {
        "arch": arch,
        "build_dir": build_dir,
        "deb": os.path.basename(deb),
        "deb_size": os.path.getsize(deb),
        "depends": field("Depends"),
        "size": size,
        "unstripped": os.path.getsize(built),
        "sections": secs,
        "needed": [(lib, package_of(lib, arch)) for lib in libs],
        "groups": groups,
        "largest": largest,
        "elf": ",".join(elf).strip(),
        "compiler": run(compiler, "--version").splitlines()[0],
        "flags": " ".join(
            v
            for v in (
                cache_value(build_dir, "CMAKE_CXX_FLAGS_RELEASE"),
                cache_value(build_dir, "CMAKE_EXE_LINKER_FLAGS_RELEASE"),
            )
            if v
        ),
    }


def baseline(build_dir):
    built = os.path.join(build_dir, "agent", "suanli-agent")
    with tempfile.TemporaryDirectory() as tmp:
        stripped = os.path.join(tmp, "suanli-agent")
        run(cache_value(build_dir, "CMAKE_STRIP") or "strip", "-o", stripped, built)
        size = os.path.getsize(stripped)
    backends = [name for option, name in (("CPU", "CPU"), ("NVML", "NVML"), ("ASCEND", "Ascend"),
                                          ("AMD", "AMD"), ("SIM", "sim"))
                if cache_value(build_dir, f"SUANLI_WITH_{option}") == "ON"]
    build_type = cache_value(build_dir, "CMAKE_BUILD_TYPE")
    flags = cache_value(build_dir, f"CMAKE_CXX_FLAGS_{build_type.upper()}")
    flags = " ".join(f for f in (cache_value(build_dir, "CMAKE_CXX_FLAGS"), flags) if f)
    lto = cache_value(build_dir, "CMAKE_INTERPROCEDURAL_OPTIMIZATION") == "ON"
    lto = "LTO" if lto else "no LTO"
    return {"size": size, "what": f"{build_type}, `{flags}`, {lto}; backends {', '.join(backends)}"}


def mb(n):
    return f"{n / 1e6:.2f} MB ({n / 2**20:.2f} MiB)"


def section_rows(builds):
    """The largest sections, each build's remaining ones summed."""
    names = sorted({n for b in builds for n in b["sections"]},
                   key=lambda n: -max(b["sections"].get(n, 0) for b in builds))
    shown = [n for n in names if any(b["sections"].get(n, 0) >= 0.02 * b["size"] for b in builds)]
    rows = [f"| `{n}` | " + " | ".join(f"{b['sections'].get(n, 0):,}" for b in builds) + " |"
            for n in shown]
    rest = [sum(v for n, v in b["sections"].items() if n not in shown) for b in builds]
    rows.append("| other sections | " + " | ".join(f"{r:,}" for r in rest) + " |")
    rows.append("| ELF headers, section table, padding | "
                + " | ".join(f"{b['size'] - sum(b['sections'].values()):,}" for b in builds) + " |")
    return rows


def section(builds, base, when):
    cols = " | ".join(b["arch"] for b in builds)
    sep = "|---" * (len(builds) + 1) + "|"
    verdict = lambda b: "met" if b["size"] <= TARGET_BYTES else "**not met**"
    lines = [
        BEGIN,
        "## Edge agent size: suanli-agent built with the edge presets",
        "",
        f"**Run:** {when}. **Machine:** {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{run('sh', '-c', '. /etc/os-release && echo $PRETTY_NAME').strip()}.",
        "**Versions:** " + " · ".join(f"{b['arch']}: {b['compiler']}" for b in builds)
        + f" · {run('readelf', '--version').splitlines()[0]}.",
        "**Reproduce:** `./bench/edge_size/run.sh` (`--baseline DIR` adds the agent of an existing "
        "default build for comparison, `--no-arm64` builds amd64 only).",
        "",
        "### Target",
        "",
        "The issue's target: the agent binary itself at most 2 MB (2,000,000 bytes), stripped.",
        "",
    ]
    lines += [f"- {b['arch']}: {b['size']:,} bytes = {mb(b['size'])} → target {verdict(b)}."
              for b in builds]
    if base:
        lines += ["", f"Baseline in the same run, same sources: the agent of a default build "
                  f"({base['what']}), stripped: {base['size']:,} bytes = {mb(base['size'])} "
                  f"({builds[0]['arch']})."]
    lines += [
        "",
        "### Method",
        "",
        "- **Build:** `cmake --preset edge` / `edge-arm64`, then `cmake --build --preset` (target "
        "suanli-agent): Release, agent only (no central, no tests), backends CPU, NVML (Jetson, "
        "discrete GPUs) and Ascend (Atlas 300/310); AMD and sim off. Flags: `"
        + builds[0]["flags"] + "` and LTO (`CMAKE_INTERPROCEDURAL_OPTIMIZATION`). edge-arm64 adds "
        "the toolchain file `cross/aarch64-linux-gnu.cmake`.",
        "- **Size:** `cpack -G DEB` in the build folder strips the binary with the build's "
        "`strip` (`CPACK_STRIP_FILES`); the size is that of `/usr/bin/suanli-agent` inside the "
        ".deb, i.e. what an edge box installs. The build's own binary keeps its symbol table (no "
        "debug info) for the breakdown below.",
        "- **Sections:** `readelf -S` of the shipped binary. **Libraries:** its `NEEDED` entries "
        "(`readelf -d`) and the Debian package holding each (`dpkg -S`, multiarch).",
        "- **Where the bytes are:** `nm --size-sort -S -C` of the unstripped link, each symbol "
        "counted once in the first group its demangled name mentions, in the table's order (a "
        "library template instantiated for suanli's types counts for the library). Symbols do not "
        "cover the unwind tables, the dynamic-linking sections and padding, so the groups add up "
        "to less than the file.",
        "",
        "### Sizes",
        "",
        f"| | {cols} |",
        sep,
        "| shipped binary (stripped) | " + " | ".join(f"**{b['size']:,}**" for b in builds) + " |",
        "| build's binary (with symbol table) | "
        + " | ".join(f"{b['unstripped']:,}" for b in builds) + " |",
    ]
    lines += section_rows(builds)
    lines += [
        "| .deb (xz) | " + " | ".join(f"{b['deb_size']:,} (`{b['deb']}`)" for b in builds) + " |",
        "",
        "All figures in bytes. " + "; ".join(f"{b['arch']}: {b['elf']}" for b in builds) + ".",
        "",
        "### Shared libraries it needs",
        "",
        f"| library (`NEEDED`) | {cols} |",
        sep,
    ]
    libs = sorted({lib for b in builds for lib, _ in b["needed"]})
    for lib in libs:
        cells = [dict(b["needed"]).get(lib) for b in builds]
        lines.append(f"| `{lib}` | " + " | ".join(f"`{c}`" if c else "—" for c in cells) + " |")
    lines += ["", "The packages' `Depends` (dpkg-shlibdeps, plus adduser for the system user):", ""]
    lines += [f"- {b['arch']}: `{b['depends']}`" for b in builds]
    lines += [
        "",
        "### Where the bytes are",
        "",
        f"| symbols mentioning | {cols} |",
        sep,
    ]
    for name in [g for g, _ in GROUPS] + [OTHER]:
        lines.append(f"| {name} | " + " | ".join(f"{b['groups'][name]:,}" for b in builds) + " |")
    lines.append("| **all symbols** | "
                 + " | ".join(f"{sum(b['groups'].values()):,}" for b in builds) + " |")
    lines += ["", f"Largest symbols ({builds[0]['arch']}):", "",
              "| bytes | symbol |", "|---|---|"]
    for size, name in builds[0]["largest"]:
        short = (name if len(name) <= 110 else name[:107] + "...").replace("|", "\\|")
        lines.append(f"| {size:,} | `{short}` |")
    if any(b["arch"] == "arm64" for b in builds):
        lines += ["", "arm64's larger headers-and-padding row: GNU ld aligns aarch64 segments to "
                  "64 KiB (`max-page-size`) so that the binary also loads on 64 KiB-page kernels; "
                  "the gap is file padding, not code."]
    lines += ["", END, ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--print", action="store_true")
    mode.add_argument("--doc")
    parser.add_argument("--baseline")
    parser.add_argument("build_dirs", nargs="+")
    args = parser.parse_args()
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    base = baseline(args.baseline) if args.baseline else None
    text = section([measure(d) for d in args.build_dirs], base, when)
    if args.print:
        print(text)
    else:
        write_section(args.doc, BEGIN, END, text)


if __name__ == "__main__":
    main()
