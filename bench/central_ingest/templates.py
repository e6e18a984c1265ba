"""Messages of many simulated nodes made from a few that suanli-sim published: each captured
birth and window (`mosquitto_sub -v` lines) becomes a template whose node id and header numbers
(boot, seq, ts_ms, window start/end) are holes, so a node's message is the template's bytes with
its own values joined in, encoded once by the agent's own encoder (agent/fleet)."""

import json
import re

_HOLES = re.compile(rb'(?P<node>qqtplqq-\d+)|"(?P<key>boot|seq|ts_ms|start_ms|end_ms)":(?P<num>\d+)')
TEMPLATE_PREFIX = "qqtplqq"  # the node prefix of the capture run: never part of a real message


class Template:
    def __init__(self, payload):
        self.parts, self.holes = [], []
        at, seen = 0, set()
        for m in _HOLES.finditer(payload):
            if m.group("key"):
                key = m.group("key").decode()
                if key in seen:  # only the header's (and the window's) own fields
                    continue
                seen.add(key)
                self.parts.append(payload[at:m.start("num")])
                self.holes.append(key)
            else:
                self.parts.append(payload[at:m.start()])
                self.holes.append("node")
            at = m.end()
        self.parts.append(payload[at:])

    def render(self, values):
        out = [self.parts[0]]
        for hole, part in zip(self.holes, self.parts[1:]):
            out.append(values[hole])
            out.append(part)
        return b"".join(out)


def load(capture_path):
    """(birth templates, data templates) of a capture, in the order captured."""
    births, data = [], []
    for line in open(capture_path, "rb"):
        topic, _, payload = line.rstrip(b"\n").partition(b" ")
        if topic.endswith(b"/birth"):
            births.append(Template(payload))
        elif topic.endswith(b"/data"):
            data.append(Template(payload))
    if not births or not data:
        raise SystemExit(f"{capture_path}: no birth or no data window captured")
    return births, data


def status(center, node, boot, seq, ts_ms, online):
    return json.dumps({"v": 1, "kind": "status", "center": center, "node": node, "boot": boot,
                       "seq": seq, "ts_ms": ts_ms, "online": online},
                      separators=(",", ":")).encode()


def node_values(node, boot, seq, ts_ms, start_ms=None, end_ms=None):
    values = {"node": node.encode(), "boot": b"%d" % boot, "seq": b"%d" % seq,
              "ts_ms": b"%d" % ts_ms}
    if start_ms is not None:
        values["start_ms"] = b"%d" % start_ms
        values["end_ms"] = b"%d" % end_ms
    return values


def unhealthy_variant(payload, device_index=0):
    """A data window with one device unhealthy (as the agent reports a timed-out device)."""
    msg = json.loads(payload)
    dev = msg["devices"][device_index]
    for key in ("activity_mean", "activity_max", "method_shares", "power_w", "power_limit_w",
                "temperature_c", "sm_clock_mhz", "memory_used_bytes", "memory_total_bytes"):
        dev.pop(key, None)
    dev.update(healthy=False, health_reason="timeout", method="none", achieved_tflops={})
    msg["totals"]["healthy_devices"] -= 1
    return json.dumps(msg, separators=(",", ":"), ensure_ascii=False).encode()
