"""A minimal MQTT 3.1.1 publisher over one TCP socket, for load: QoS 1 publishes pipelined up to a
bound, PUBACKs counted by kind. Paho's C client costs ~190 µs of CPU a message on this machine
(suanli-sim, docs/benchmarks.md), more than the broker and central together at 10 k msg/s; this
costs a few µs. Nothing here decodes what it sends: payloads come from templates.py."""

import select
import socket
import struct
import time


def _remaining_length(n):
    out = bytearray()
    while True:
        byte, n = n % 128, n // 128
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _utf8(s):
    b = s.encode()
    return struct.pack("!H", len(b)) + b


class Publisher:
    """One MQTT connection (clean session, no keep-alive). publish() queues, flush() writes,
    pump() reads PUBACKs. `acked` and `sent` count by the kind passed to publish()."""

    def __init__(self, host, port, client_id, max_in_flight=1000):
        self.sock = socket.create_connection((host, port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        body = _utf8("MQTT") + bytes([4, 0x02]) + struct.pack("!H", 0) + _utf8(client_id)
        self.sock.sendall(bytes([0x10]) + _remaining_length(len(body)) + body)
        connack = self._read_exact(4)
        if connack[0] != 0x20 or connack[3] != 0:
            raise RuntimeError(f"CONNACK refused: {connack!r}")
        self.max_in_flight = max_in_flight
        self.in_flight = {}  # packet id -> kind
        self.next_id = 0
        self.out = []
        self.rx = bytearray()
        self.sent = {}
        self.acked = {}

    def _read_exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise RuntimeError("broker closed the connection")
            data += chunk
        return data

    def room(self):
        return self.max_in_flight - len(self.in_flight)

    def publish(self, topic, payload, kind, retain=False):
        """Queues one QoS 1 PUBLISH; the caller keeps within room()."""
        self.next_id = self.next_id % 65535 + 1
        while self.next_id in self.in_flight:
            self.next_id = self.next_id % 65535 + 1
        self.in_flight[self.next_id] = kind
        self.sent[kind] = self.sent.get(kind, 0) + 1
        var = struct.pack("!H", len(topic)) + topic + struct.pack("!H", self.next_id)
        self.out.append(bytes([0x32 | (1 if retain else 0)]) +
                        _remaining_length(len(var) + len(payload)) + var)
        self.out.append(payload)

    def flush(self):
        if self.out:
            self.sock.sendall(b"".join(self.out))
            self.out = []

    def pump(self, timeout=0.0):
        """Reads what the broker sent within `timeout` s; counts PUBACKs."""
        ready, _, _ = select.select([self.sock], [], [], timeout)
        if not ready:
            return
        chunk = self.sock.recv(1 << 16)
        if not chunk:
            raise RuntimeError("broker closed the connection")
        self.rx += chunk
        while len(self.rx) >= 2:
            # PUBACK is the only packet the broker sends us: 0x40, 2, packet id.
            if self.rx[0] != 0x40 or self.rx[1] != 2:
                raise RuntimeError(f"unexpected packet 0x{self.rx[0]:02x}")
            if len(self.rx) < 4:
                break
            kind = self.in_flight.pop(struct.unpack_from("!H", self.rx, 2)[0], None)
            if kind is not None:
                self.acked[kind] = self.acked.get(kind, 0) + 1
            del self.rx[:4]

    def drain(self, limit_s):
        """Waits for every PUBACK, at most limit_s seconds."""
        self.flush()
        end = time.monotonic() + limit_s
        while self.in_flight and time.monotonic() < end:
            self.pump(0.1)

    def close(self):
        try:
            self.sock.sendall(bytes([0xE0, 0]))
        finally:
            self.sock.close()
