#!/usr/bin/env python3
"""Verify a dukao year export with nothing but the Python standard library.

    python3 -I verify.py ARCHIVE.zip

Exit status 0 when the archive verifies, 1 when something in it is broken (the first
broken record is named), 2 when it cannot be read as an export at all.

What is checked (docs/integrity.md has the definitions):
  * every file the manifest lists has the SHA-256 the manifest gives;
  * leaf_hashes.txt holds the log's tree_size Merkle leaf hashes, and their RFC 6962
    root is the manifest's root;
  * every event in events.jsonl: its canonical bytes hash to the leaf at its
    leaf_index, and SHA-256(previous_hash || that leaf hash) is its chain hash; events
    that are neighbours in the log link to each other;
  * every digest published in the log before the export is consistent with the
    exported tree (RFC 9162 consistency proof), and every Ed25519 signature verifies
    (RFC 8032, implemented below);
  * every rulebook file hashes to its name and is the document its event carries.

This file deliberately shares no code with the service it checks.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import sys
import uuid
import zipfile

FORMAT = "dukao-year-export/1"
GENESIS = bytes(32)
DIGEST_PREFIX = b"dukao-log-digest-v1\x00"


class VerificationError(Exception):
    """Something in the archive does not verify."""


# -- canonical bytes, chain and Merkle tree (RFC 6962 §2.1, RFC 9162 §2.1) ----------


def canonical(event):
    topic = event["topic"].encode()
    if "state_base64" in event:
        state = base64.b64decode(event["state_base64"])
    else:
        state = event["state"].encode()
    head = struct.pack(
        ">q16sqI",
        event["notification_id"],
        uuid.UUID(event["originator_id"]).bytes,
        event["originator_version"],
        len(topic),
    )
    return head + topic + struct.pack(">I", len(state)) + state


def sha256(data):
    return hashlib.sha256(data).digest()


def leaf(data):
    return sha256(b"\x00" + data)


def node(left, right):
    return sha256(b"\x01" + left + right)


def root_of(leaves):
    if not leaves:
        return sha256(b"")
    level = list(leaves)
    while len(level) > 1:  # pairing, the odd last node carried up: MTH's split rule
        paired = [node(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


def consistent(first, second, first_root, second_root, proof):
    """RFC 9162 §2.1.4.2."""
    if first < 1 or first > second:
        return False
    if first == second:
        return not proof and first_root == second_root
    if not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == first_root and sr == second_root and sn == 0


# -- Ed25519 verification (RFC 8032 §5.1.7, after its §6 reference code) -------------

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _recover_x(y, sign):
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P)
    if x2 % P == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P:
        return None
    return P - x if (x & 1) != sign else x


def _add(a, b):
    e1 = (a[1] - a[0]) * (b[1] - b[0]) % P
    e2 = (a[1] + a[0]) * (b[1] + b[0]) % P
    c = 2 * a[3] * b[3] * D % P
    d = 2 * a[2] * b[2] % P
    e, f, g, h = e2 - e1, d - c, d + c, e2 + e1
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _mul(s, point):
    result = (0, 1, 1, 0)
    while s:
        if s & 1:
            result = _add(result, point)
        point, s = _add(point, point), s >> 1
    return result


def _decompress(data):
    y = int.from_bytes(data, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % P)


_GY = 4 * pow(5, P - 2, P) % P
BASE = (_recover_x(_GY, 0), _GY, 1, _recover_x(_GY, 0) * _GY % P)


def ed25519_verify(public, message, signature):
    if len(public) != 32 or len(signature) != 64:
        return False
    a, r = _decompress(public), _decompress(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if a is None or r is None or s >= L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little")
    left, right = _mul(s, BASE), _add(r, _mul(h % L, a))
    return (left[0] * right[2] - right[0] * left[2]) % P == 0 and (
        left[1] * right[2] - right[1] * left[2]
    ) % P == 0


# -- the archive ----------------------------------------------------------------------


def digest_bytes(digest):
    sizes = struct.pack(">qq", digest["tree_size"], digest["last_notification_id"])
    return (
        DIGEST_PREFIX + sizes + bytes.fromhex(digest["root"]) + bytes.fromhex(digest["chain_head"])
    )


def check_signature(digest, signature, where):
    if signature is None:
        return 0
    public = bytes.fromhex(signature["public_key"])
    if hashlib.sha256(public).hexdigest()[:16] != signature["key_id"]:
        raise VerificationError(f"{where}: the key id is not the public key's")
    if not ed25519_verify(public, digest_bytes(digest), bytes.fromhex(signature["signature"])):
        raise VerificationError(
            f"{where}: the Ed25519 signature does not verify (key {signature['key_id']})"
        )
    return 1


def check_files(archive, manifest):
    for name, expected in manifest["files"].items():
        if hashlib.sha256(archive.read(name)).hexdigest() != expected:
            raise VerificationError(f"{name}: its SHA-256 is not the manifest's")


def check_tree(archive, manifest):
    lines = archive.read("leaf_hashes.txt").decode().split()
    if len(lines) != manifest["tree_size"]:
        raise VerificationError(
            f"leaf_hashes.txt: {len(lines)} leaves, the manifest says {manifest['tree_size']}"
        )
    leaves = [bytes.fromhex(h) for h in lines]
    if root_of(leaves).hex() != manifest["root"]:
        raise VerificationError(
            "leaf_hashes.txt: the leaves' Merkle root is not the manifest's root"
        )
    return leaves


def check_events(archive, manifest, leaves):
    previous = None
    documents = {}
    count = 0
    for number, line in enumerate(archive.read("events.jsonl").decode().splitlines(), 1):
        event = json.loads(line)
        where = f"events.jsonl line {number} (notification id {event['notification_id']})"
        index = event["leaf_index"]
        if previous is not None and index <= previous["leaf_index"]:
            raise VerificationError(f"{where}: out of log order")
        if not 0 <= index < len(leaves):
            raise VerificationError(f"{where}: leaf index {index} is outside the tree")
        data = canonical(event)
        if leaf(data) != leaves[index]:
            raise VerificationError(
                f"{where}: the event is not the log's leaf {index} (its content changed)"
            )
        if sha256(bytes.fromhex(event["previous_hash"]) + leaf(data)).hex() != event["hash"]:
            raise VerificationError(
                f"{where}: its chain hash does not follow from the hash before it"
            )
        neighbour = previous is not None and previous["leaf_index"] + 1 == index
        if neighbour and event["previous_hash"] != previous["hash"]:
            raise VerificationError(f"{where}: does not link to the event before it")
        if index == 0 and event["previous_hash"] != GENESIS.hex():
            raise VerificationError(f"{where}: the log's first event does not start the chain")
        if index == len(leaves) - 1 and event["hash"] != manifest["chain_head"]:
            raise VerificationError(
                f"{where}: the log's last event is not the manifest's chain head"
            )
        if event["topic"].endswith(":RulebookRecord.Published"):
            state = json.loads(event["state"])
            documents[state["sha256"]] = state["document"]
        previous, count = event, count + 1
    if count != manifest["events"]:
        raise VerificationError(
            f"events.jsonl: {count} events, the manifest says {manifest['events']}"
        )
    return documents


def check_digests(archive, manifest):
    digests = json.loads(archive.read("digests.json"))
    tree = {k: manifest[k] for k in ("tree_size", "last_notification_id", "root", "chain_head")}
    exported = digests["export"]
    if exported["digest"] != tree:
        raise VerificationError("digests.json: the export's digest is not the manifest's tree")
    signed = check_signature(exported["digest"], exported["signature"], "the export's digest")
    for published in digests["published"]:
        digest = published["digest"]
        where = (
            f"digests.json: the digest published at notification id {published['notification_id']}"
        )
        proof = [bytes.fromhex(h) for h in published["consistency"]]
        first, second = digest["tree_size"], manifest["tree_size"]
        if not consistent(first, second, bytes.fromhex(digest["root"]),
                          bytes.fromhex(manifest["root"]), proof):  # fmt: skip
            raise VerificationError(
                f"{where}: the exported log is not an extension of it (consistency proof fails)"
            )
        signed += check_signature(digest, published["signature"], where)
    return len(digests["published"]), signed


def check_rulebooks(archive, documents):
    names = [n for n in archive.namelist() if n.startswith("rulebooks/")]
    for name in names:
        content = archive.read(name)
        sha = name[len("rulebooks/") : -len(".json")]
        if hashlib.sha256(content).hexdigest() != sha:
            raise VerificationError(f"{name}: its SHA-256 is not its name")
        if documents.get(sha) != json.loads(content):
            raise VerificationError(
                f"{name}: no exported RulebookRecord event carries this document"
            )
    return len(names)


def verify(path):
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} archive")
        check_files(archive, manifest)
        leaves = check_tree(archive, manifest)
        documents = check_events(archive, manifest, leaves)
        published, signed = check_digests(archive, manifest)
        rulebooks = check_rulebooks(archive, documents)
    return (
        f"OK: {manifest['events']} events of {manifest['jurisdiction']} {manifest['year']} "
        f"are leaves of the log's tree of size {manifest['tree_size']} "
        f"(root {manifest['root']}); {published} published digest(s) consistent with it; "
        f"{signed} signature(s) verified; {rulebooks} rulebook(s) match their hashes"
    )


def main(argv):
    if len(argv) != 2:
        print("usage: python3 -I verify.py ARCHIVE.zip", file=sys.stderr)
        return 2
    try:
        print(verify(argv[1]))
    except VerificationError as broken:
        print(f"BROKEN: {broken}")
        return 1
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        print(f"UNREADABLE: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
