"""One section of docs/benchmarks.md, between its BEGIN and END markers, rewritten by the
benchmark that owns it; the rest of the file is kept. A missing section is appended, a missing
file created."""

import os
import platform

NEW_FILE = (
    "# Benchmarks\n\n"
    "Figures measured by the scripts in `bench/`. Each section names its method and a baseline "
    "measured in the same run; each is rewritten by its own script.\n"
)


def write_section(path, begin, end, text):
    """Writes `text` (which starts with `begin` and ends with `end`) as the section of `path`."""
    old = open(path).read() if os.path.exists(path) else NEW_FILE
    text = text.rstrip("\n")
    if begin in old and end in old:
        new = old[: old.index(begin)] + text + old[old.index(end) + len(end) :]
    else:
        new = old.rstrip("\n") + "\n\n" + text + "\n"
    with open(path, "w") as f:
        f.write(new)


def cpu_model():
    """The CPU's model name, for a section's first line."""
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()
