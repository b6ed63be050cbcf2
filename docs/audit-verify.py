#!/usr/bin/env python3
"""Verify a remedy audit export (GET /api/v1/audit/export) without remedy.

Usage: python3 audit-verify.py [--anchor SEQ:HASH] < remedy-audit.jsonl

Each line is {"seq": N, "prevHash": "...", "hash": "...", "event": {...}}. For each line, in order:
the event's "seq" equals the line's and follows the previous line's; "prevHash" is the previous
line's "hash" (the first line's is taken as given, or checked against --anchor, or must be 64 zeros
when the export starts at event 1); and hash = sha256(prevHash + canonical(event)), canonical being
RFC 8785 JSON, which for remedy's events is json.dumps(sort_keys, no spaces, UTF-8).
Prints the head (last seq and hash: compare it with one anchored elsewhere) or the first bad seq.
"""
import hashlib
import json
import sys

GENESIS = "0" * 64


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def main():
    anchor = None
    if len(sys.argv) == 3 and sys.argv[1] == "--anchor":
        seq, _, digest = sys.argv[2].partition(":")
        anchor = (int(seq), digest)
    previous = None
    count = 0
    for number, text in enumerate(sys.stdin, start=1):
        line = json.loads(text)
        seq, prev, digest, event = line["seq"], line["prevHash"], line["hash"], line["event"]
        if previous is None:
            if anchor and (seq != anchor[0] + 1 or prev != anchor[1]):
                return bad(seq, "does not continue the anchor")
            if seq == 1 and prev != GENESIS:
                return bad(seq, "the first event does not start from the genesis hash")
        else:
            if seq != previous[0] + 1:
                return bad(previous[0] + 1, "missing or out of order (found %d)" % seq)
            if prev != previous[1]:
                return bad(seq, "prevHash does not link to the event before")
        if event.get("seq") != seq:
            return bad(seq, "the event names another seq")
        body = canonical(event)
        if hashlib.sha256((prev + body).encode("utf-8")).hexdigest() != digest:
            return bad(seq, "hash does not match the event")
        previous = (seq, digest)
        count += 1
    if previous is None:
        print("valid: 0 events")
    else:
        print("valid: %d events, head seq %d hash %s" % (count, previous[0], previous[1]))
    return 0


def bad(seq, why):
    print("INVALID at seq %d: %s" % (seq, why))
    return 1


if __name__ == "__main__":
    sys.exit(main())
