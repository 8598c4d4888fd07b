#!/usr/bin/env python3
"""Converts the field's Python-only latency files into OneProxy's wide CSV / JSON-lines formats.

Run by `oneproxy datasets import` (never through a shell: the C# side passes an argument list),
or by hand. Only the standard library is needed, plus torch for HELP's `.pt` files (Debian's
python3-torch, `agents/setup.sh`) and numpy if a pickle holds numpy arrays.

Nothing is unpickled freely:
  * `.pt` files are read with `torch.load(weights_only=True)`: torch's own restricted unpickler,
    which admits tensors and plain containers only; where that loader is too strict (torch 1.13
    refuses plain floats), with `TorchRestrictedUnpickler`: the same allow-list as below plus
    torch's tensor-rebuild functions;
  * HW-NAS-Bench's pickle goes through `RestrictedUnpickler`, which admits plain containers and
    the few numpy classes that rebuild an array or a scalar; any other class stops the import.

Errors print one line `oneproxy_import: problem` on stderr and exit 2.

Subcommands (all write UTF-8 files with "\\n" line ends):
  help-latency DIR --out CSV [--devices a,b]   HELP's latency/<device>.pt lists -> wide CSV (index, devices)
  torch-archs FILE --out JSONL                  ofa_archs.pt / str_arch2idx.pt / metainfo.pt -> JSON lines
  hw-nas-bench PICKLE --out CSV [--space nasbench201] [--dataset cifar10] [--metric latency|energy]
"""
import argparse
import csv
import json
import math
import os
import pickle
import sys

FORMAT_VERSION = 1

# FBNet's nine block choices in HW-NAS-Bench's / HELP's index order (op_idx_list values 0..8).
FBNET_OPS = ["k3_e1", "k3_e1_g2", "k3_e3", "k3_e6", "k5_e1", "k5_e1_g2", "k5_e3", "k5_e6", "skip"]

# HW-NAS-Bench's NAS-Bench-201 devices; each has <device>_latency and some <device>_energy.
HW_NAS_BENCH_DEVICES = ["edgegpu", "raspi4", "edgetpu", "pixel3", "eyeriss", "fpga"]


class ImportProblem(Exception):
    """A problem with the input that the user can fix; printed as one line."""


class RestrictedUnpickler(pickle.Unpickler):
    """Admits only the classes a latency pickle needs; anything else is refused, never imported."""

    ALLOWED = {
        ("collections", "OrderedDict"),
        ("_codecs", "encode"),  # how protocol-2 pickles store bytes (numpy array buffers)
        ("collections", "defaultdict"),
        ("builtins", "set"),
        ("builtins", "frozenset"),
        ("builtins", "complex"),
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy.core.multiarray", "scalar"),
        ("numpy._core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "scalar"),
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
    }

    def find_class(self, module, name):
        if (module, name) not in self.ALLOWED:
            raise ImportProblem(f"the pickle asks for {module}.{name}, which this importer does not admit "
                                "(only containers, numbers and numpy arrays)")
        return super().find_class(module, name)


def restricted_pickle_load(path):
    with open(path, "rb") as f:
        return RestrictedUnpickler(f).load()


class TorchRestrictedUnpickler(RestrictedUnpickler):
    """RestrictedUnpickler plus the functions torch uses to rebuild a tensor from its storage."""

    ALLOWED = RestrictedUnpickler.ALLOWED | {
        ("torch._utils", "_rebuild_tensor_v2"),
        ("torch._utils", "_rebuild_tensor"),
        ("torch", "Size"),
    }


class _TorchRestrictedPickle:
    """A pickle module for torch.load(pickle_module=...): torch subclasses its Unpickler."""
    __name__ = "oneproxy_restricted_pickle"
    Unpickler = TorchRestrictedUnpickler
    UnpicklingError = pickle.UnpicklingError

    @staticmethod
    def load(f, **kwargs):
        return TorchRestrictedUnpickler(f, **kwargs).load()


def torch_load(path):
    try:
        import torch  # noqa: WPS433 (optional dependency, only for .pt files)
    except ImportError:
        raise ImportProblem("reading .pt files needs PyTorch for this Python "
                            f"({sys.executable}); run agents/setup.sh (Debian python3-torch)")
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except (TypeError, pickle.UnpicklingError, RuntimeError) as e:
        first = e
    # torch < 2.0's weights-only loader refuses plain Python floats (pickle opcode BINFLOAT), which
    # is how HELP saved its latency lists. Its torch.load also ignores pickle_module unless
    # weights_only is set, so the zip reader is called with our restricted module directly.
    import zipfile
    if not zipfile.is_zipfile(path) or not hasattr(torch.serialization, "_load"):
        raise ImportProblem(f"{path}: refused by torch's weights-only loader ({str(first)[-160:]})")
    try:
        with open(path, "rb") as f, torch.serialization._open_zipfile_reader(f) as z:
            return torch.serialization._load(z, "cpu", _TorchRestrictedPickle, encoding="utf-8")
    except pickle.UnpicklingError as e:
        raise ImportProblem(f"{path}: refused by the restricted loader ({e})")


def as_floats(obj, where):
    """A list/tuple/tensor/ndarray of numbers as Python floats (float64 where the source was)."""
    if hasattr(obj, "tolist"):
        obj = obj.tolist()
    if not isinstance(obj, (list, tuple)):
        raise ImportProblem(f"{where}: expected a list or tensor of latencies, found {type(obj).__name__}")
    out = []
    for i, v in enumerate(obj):
        if isinstance(v, (list, tuple)) and len(v) == 1:
            v = v[0]
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise ImportProblem(f"{where}: entry {i} is {type(v).__name__}, not a number")
        out.append(float(v))
    return out


def fmt(v):
    """Shortest text that reads back as the same double; empty for a missing value."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v == -1:
        return ""
    return repr(float(v))


def write_wide(path, names, columns, comment=None):
    n = len(columns[0]) if columns else 0
    for name, col in zip(names, columns):
        if len(col) != n:
            raise ImportProblem(f"device '{name}' has {len(col)} values, '{names[0]}' has {n}: not one architecture list")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["index"] + list(names))
        for r in range(n):
            w.writerow([r] + [fmt(col[r]) for col in columns])
    return n


def cmd_help_latency(args):
    folder = args.dir
    if os.path.isdir(os.path.join(folder, "latency")):
        folder = os.path.join(folder, "latency")
    if not os.path.isdir(folder):
        raise ImportProblem(f"{args.dir}: not a folder (expected HELP's data/<space>/latency)")
    files = sorted(f for f in os.listdir(folder) if f.endswith(".pt"))
    wanted = [d for d in args.devices.split(",") if d] if args.devices else None
    if wanted:
        missing = [d for d in wanted if f"{d}.pt" not in files]
        if missing:
            raise ImportProblem(f"{folder}: no {', '.join(m + '.pt' for m in missing)}")
        files = [f"{d}.pt" for d in wanted]
    if not files:
        raise ImportProblem(f"{folder}: no .pt latency files")
    names = [f[:-3] for f in files]
    columns = [as_floats(torch_load(os.path.join(folder, f)), os.path.join(folder, f)) for f in files]
    n = write_wide(args.out, names, columns)
    report(args, rows=n, devices=names)


def ofa_arch(obj, where):
    if not isinstance(obj, dict):
        raise ImportProblem(f"{where}: expected an architecture dict, found {type(obj).__name__}")
    out = {}
    for key in ("ks", "e", "d"):
        if key not in obj:
            raise ImportProblem(f"{where}: no '{key}' in the architecture")
        out[key] = [int(v) for v in (obj[key].tolist() if hasattr(obj[key], "tolist") else obj[key])]
    r = obj.get("r", 224)
    if isinstance(r, (list, tuple)):
        if len(r) != 1:
            raise ImportProblem(f"{where}: 'r' holds {len(r)} resolutions, expected one")
        r = r[0]
    out["r"] = int(r)
    return out


def cmd_torch_archs(args):
    obj = torch_load(args.file)
    lines = []
    if isinstance(obj, dict) and "arch" in obj and isinstance(obj["arch"], (list, tuple)):
        for i, a in enumerate(obj["arch"]):
            where = f"{args.file}: arch[{i}]"
            if isinstance(a, dict) and "op_idx_list" in a:  # HELP's FBNet metainfo.pt
                ops = [int(v) for v in a["op_idx_list"]]
                if any(v < 0 or v >= len(FBNET_OPS) for v in ops):
                    raise ImportProblem(f"{where}: op index outside 0..{len(FBNET_OPS) - 1}")
                lines.append({"index": i, "arch": "-".join(FBNET_OPS[v] for v in ops)})
            else:  # HELP's OFA ofa_archs.pt
                lines.append(dict(index=i, **ofa_arch(a, where)))
    elif isinstance(obj, dict) and obj and all(isinstance(k, str) for k in obj):  # str_arch2idx.pt
        for arch, idx in obj.items():
            lines.append({"index": int(idx), "arch": arch})
        lines.sort(key=lambda d: d["index"])
    elif isinstance(obj, (list, tuple)):
        for i, a in enumerate(obj):
            lines.append(dict(index=i, **ofa_arch(a, f"{args.file}: [{i}]")))
    else:
        raise ImportProblem(f"{args.file}: not an architecture list (expected {{'arch': [...]}}, "
                            "a list of architecture dicts, or an arch-string-to-index dict)")
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        for d in lines:
            f.write(json.dumps(d, separators=(",", ":")) + "\n")
    report(args, rows=len(lines))


def cmd_hw_nas_bench(args):
    data = restricted_pickle_load(args.pickle)
    if not isinstance(data, dict) or args.space not in data:
        raise ImportProblem(f"{args.pickle}: no '{args.space}' entry (found: {', '.join(map(str, data)) if isinstance(data, dict) else type(data).__name__})")
    space = data[args.space]
    if args.space != "nasbench201":
        raise ImportProblem(f"{args.pickle}: the '{args.space}' entry holds per-operator lookup tables, "
                            "not per-architecture values; only nasbench201 is imported")
    if args.dataset not in space:
        raise ImportProblem(f"{args.pickle}: no dataset '{args.dataset}' (found: {', '.join(map(str, space))})")
    table = space[args.dataset]
    names, columns = [], []
    for device in HW_NAS_BENCH_DEVICES:
        key = f"{device}_{args.metric}"
        if key in table:
            names.append(device)
            columns.append(as_floats(table[key], f"{args.pickle}: {args.space}/{args.dataset}/{key}"))
    if not names:
        raise ImportProblem(f"{args.pickle}: no '*_{args.metric}' entries under {args.space}/{args.dataset}")
    n = write_wide(args.out, names, columns)
    report(args, rows=n, devices=names)


def report(args, **fields):
    # One JSON line on stdout: what was written (the C# side logs it).
    print(json.dumps(dict(version=FORMAT_VERSION, command=args.command, out=args.out, **fields)))


def main(argv=None):
    p = argparse.ArgumentParser(prog="oneproxy_import", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    h = sub.add_parser("help-latency", help="HELP's latency/<device>.pt files -> wide CSV")
    h.add_argument("dir")
    h.add_argument("--out", required=True)
    h.add_argument("--devices", default="")
    h.set_defaults(run=cmd_help_latency)
    a = sub.add_parser("torch-archs", help="HELP's architecture files -> JSON lines")
    a.add_argument("file")
    a.add_argument("--out", required=True)
    a.set_defaults(run=cmd_torch_archs)
    w = sub.add_parser("hw-nas-bench", help="HW-NAS-Bench pickle -> wide CSV")
    w.add_argument("pickle")
    w.add_argument("--out", required=True)
    w.add_argument("--space", default="nasbench201")
    w.add_argument("--dataset", default="cifar10")
    w.add_argument("--metric", default="latency", choices=["latency", "energy"])
    w.set_defaults(run=cmd_hw_nas_bench)
    args = p.parse_args(argv)
    try:
        args.run(args)
    except (ImportProblem, OSError) as e:
        print(f"oneproxy_import: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
