#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz harnesses, bench/fuzz/corpus/<harness>/, from the
project's own examples: the messages of docs/protocol.md, the example configs of config/, the
peak catalog, request targets of the HTTP tests, and spool segments as the spool writes them;
and a libFuzzer dictionary per harness, bench/fuzz/<harness>.dict: JSON's tokens and every key
and short string of its corpus. The files are checked in; run this again when the sources change.

    ./bench/fuzz/make_corpus.py
"""

import json
import os
import re
import shutil
import struct

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORPUS = os.path.join(ROOT, "bench", "fuzz", "corpus")


def compact(doc):
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)


def protocol_examples():
    """(kind, topic, message) of each 'Example (kind: K), topic `T`' and its ```json fence."""
    out, marker, fence = [], None, None
    for line in open(os.path.join(ROOT, "docs", "protocol.md"), encoding="utf-8"):
        line = line.rstrip("\n")
        if fence is not None:
            if line == "```":
                out.append((marker[0], marker[1], json.loads("\n".join(fence))))
                marker, fence = None, None
            else:
                fence.append(line)
        elif line.startswith("Example (kind: "):
            kind = line[len("Example (kind: ") : line.index(")")]
            topic = line.split("`")[1]
            marker = (kind, topic)
        elif marker and line == "```json":
            fence = []
    return out


def wire_decoder(examples):
    files = {}
    for kind, topic, message in examples:
        files[f"{kind}.txt"] = f"{topic}\n{compact(message)}"
        files[f"{kind}_pretty.txt"] = f"{topic}\n{json.dumps(message, indent=2, ensure_ascii=False)}"
    status = next(m for k, _, m in examples if k == "status")
    topic = next(t for k, t, _ in examples if k == "status")
    files["wrong_topic.txt"] = f"suanli/v1/other/gpu-a01/status\n{compact(status)}"
    files["reserved_topic.txt"] = f"suanli/v1/_central/x/status\n{compact(status)}"
    files["too_deep.txt"] = f"{topic}\n" + "[" * 20 + "]" * 20
    files["byte_order_mark.txt"] = f"{topic}\n\ufeff{compact(status)}"
    files["repeated_key.txt"] = f'{topic}\n{{"v":1,"v":1}}'
    files["largest_seq.txt"] = f"{topic}\n" + compact(dict(status, seq=2**64 - 1, boot=2**53))
    return files


def ingest_batch(examples):
    files = {}
    for kind, _, message in examples:
        files[f"{kind}.json"] = compact({"v": 1, "messages": [message]})
    same_node = [m for k, _, m in examples if k in ("status", "birth", "data", "cmd")]
    files["one_node.json"] = compact({"v": 1, "messages": same_node})
    files["all.json"] = compact({"v": 1, "messages": [m for _, _, m in examples]})
    data = next(m for k, _, m in examples if k == "data")
    files["duplicate.json"] = compact({"v": 1, "messages": [data, data]})
    files["not_objects.json"] = compact({"v": 1, "messages": [1, "x", None, [], {}]})
    files["wrong_version.json"] = compact({"v": 2, "messages": [data]})
    return files


def config_loader():
    files = {}
    for name in sorted(os.listdir(os.path.join(ROOT, "config"))):
        if name.endswith(".example.json"):
            files[name] = open(os.path.join(ROOT, "config", name), encoding="utf-8").read()
    files["ingest_tokens.json"] = json.dumps(
        {
            "tokens": [
                {"name": "sz-aicc-agents", "token": "a1b2c3d4e5f6a7b8c9d0", "centers": ["sz-aicc"]},
                {"name": "ks-agents", "token": "f0e1d2c3b4a5968778695a4b", "centers": ["ks-aicc", "ks-scc"]},
            ]
        },
        indent=2,
    )
    files["empty_object.json"] = "{}"
    return files


def http_target():
    targets = [
        "/healthz",
        "/metrics",
        "/api/v1/indicator",
        "/api/v1/centers",
        "/api/v1/centers/sz-aicc",
        "/api/v1/centers/kun%20shan",
        "/api/v1/centers/a/nodes/b%2Fc",
        "/api/v1/nodes?center=sz-aicc",
        "/api/v1/nodes?center=a+b&center=c",
        "/api/v1/history",
        "/api/v1/history?from=1&to=2",
        "/api/v1/history?from=1796083200000&to=1796104800000&step=60000&scope=center:sz-aicc",
        "/api/v1/history?scope=city&step=3600000",
        "/api/v1/history?to=-1",
        "/api/v1/centers/a?x=%zz",
        "/api/v2/nothing",
        "*",
        "/api/v1/history?class=all&precision=fp32&scope=center:sz-aicc&from=0",
        "/api/v1/history?from=1796083200000&to=1796683200000&step=60000",
        "/api/v1/history?from=1796083200&step=90000&class=general",
    ]
    return {f"target_{i:02d}.txt": t for i, t in enumerate(targets)}


def crc32c(data, crc=0):
    crc ^= 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def record(id_, payload):
    """uplink/spool/record_format.hpp: u32 length | u32 CRC-32C | u64 id | payload."""
    fields = struct.pack("<IQ", len(payload), id_)
    crc = crc32c(payload, crc32c(fields))
    return struct.pack("<IIQ", len(payload), crc, id_) + payload


def ack(id_):
    """uplink/spool/ack_log.hpp: u64 id | u32 CRC-32C of the id."""
    raw = struct.pack("<Q", id_)
    return raw + struct.pack("<I", crc32c(raw))


def spool_input(first_id, segment, acks=b""):
    """The harness's input: first id - 1, the ack log's length, the segment, the ack log."""
    assert 1 <= first_id <= 256 and len(acks) <= 255
    return bytes([first_id - 1, len(acks)]) + segment + acks


def spool_recovery(examples):
    status = next(m for k, _, m in examples if k == "status")
    payloads = [compact(dict(status, seq=status["seq"] + i)).encode() for i in range(3)]
    intact = b"".join(record(1 + i, p) for i, p in enumerate(payloads))
    flipped = bytearray(intact)
    flipped[len(record(1, payloads[0])) + 40] ^= 0x10
    return {
        "empty.bin": spool_input(1, b""),
        "three_records.bin": spool_input(1, intact),
        "acknowledged.bin": spool_input(1, intact, ack(1) + ack(3)),
        "torn_tail.bin": spool_input(1, intact[:-7]),
        "torn_header.bin": spool_input(1, intact + record(4, b"x")[:9]),
        "corrupt_middle.bin": spool_input(1, bytes(flipped)),
        "torn_ack.bin": spool_input(1, intact, ack(2) + ack(1)[:5]),
        "later_first_id.bin": spool_input(101, b"".join(record(101 + i, b"w%d" % i) for i in range(4))),
    }


def catalog_loader():
    text = open(os.path.join(ROOT, "collectors", "catalog", "catalog.json"), encoding="utf-8").read()
    catalog = json.loads(text)
    files = {}  # the whole catalog (60 kB) would make libFuzzer try inputs that long: rows of it
    vendors = sorted({row.get("vendor", "") for row in catalog["accelerators"]})
    for vendor in vendors:
        rows = [row for row in catalog["accelerators"] if row.get("vendor", "") == vendor][:4]
        name = re.sub(r"[^a-z0-9]+", "_", vendor.lower()).strip("_") or "none"
        files[f"vendor_{name}.json"] = json.dumps({"accelerators": rows}, indent=1)
    files["smallest.json"] = json.dumps(
        {"accelerators": [{"model": "Test Accel", "pci_ids": ["abcd:0001"], "tflops": {"fp16": 1}}]}
    )
    return files


JSON_TOKENS = ["{", "}", "[", "]", ":", ",", '""', "null", "true", "false", "-0", "1e308", "-1e-308",
               "18446744073709551615", "9007199254740993", "\\u0000", "\\ud800"]
TARGET_TOKENS = ["?", "&", "=", "%", "%2F", "%00", "+", "/api/v1/", "from=", "to=", "step=", "scope=",
                 "center=", "center:", "city", "-9223372036854775808", "9223372036854775807"]


def strings_of(doc, out):
    if isinstance(doc, dict):
        for key, value in doc.items():
            out.add(json.dumps(key, ensure_ascii=False))
            strings_of(value, out)
    elif isinstance(doc, list):
        for value in doc:
            strings_of(value, out)
    elif isinstance(doc, str) and len(doc) <= 32:
        out.add(json.dumps(doc, ensure_ascii=False))


def json_dictionary(files):
    """JSON's tokens and every key and short string of the files that parse as JSON (a wire input's
    JSON follows its topic line)."""
    strings = set()
    for content in files.values():
        if isinstance(content, bytes):
            continue
        for text in (content, content.partition("\n")[2]):
            try:
                strings_of(json.loads(text), strings)
            except ValueError:
                pass
    return JSON_TOKENS + sorted(strings)


def write_dictionary(harness, tokens):
    def quoted(token):
        raw = token.encode("utf-8")
        return '"' + "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\x{b:02X}" for b in raw) + '"'

    with open(os.path.join(ROOT, "bench", "fuzz", f"{harness}.dict"), "w") as f:
        f.write(f"# Written by bench/fuzz/make_corpus.py: tokens of {harness}'s inputs, for libFuzzer's -dict.\n")
        for token in tokens:
            f.write(quoted(token) + "\n")


def write(harness, files):
    folder = os.path.join(CORPUS, harness)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for name, content in sorted(files.items()):
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(os.path.join(folder, name), mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
            f.write(content)
    print(f"make_corpus: {len(files)} files in bench/fuzz/corpus/{harness}")


def main():
    examples = protocol_examples()
    corpora = {
        "wire_decoder": wire_decoder(examples),
        "ingest_batch": ingest_batch(examples),
        "config_loader": config_loader(),
        "http_target": http_target(),
        "spool_recovery": spool_recovery(examples),
        "catalog_loader": catalog_loader(),
    }
    for harness, files in corpora.items():
        write(harness, files)
        if harness == "http_target":
            write_dictionary(harness, TARGET_TOKENS)
        elif harness != "spool_recovery":
            write_dictionary(harness, json_dictionary(files))


if __name__ == "__main__":
    main()
