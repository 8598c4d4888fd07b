#!/usr/bin/env python3
"""OneProxy device agent: builds networks of OneProxy's search spaces with PyTorch and times them.

Reads architecture strings (OneProxy's text forms), one per line, from stdin or --archs FILE,
and prints one JSON line per architecture to stdout, flushed as soon as it is measured:

  {"arch": "...", "median_ms": 1.2, "mean_ms": 1.3, "min_ms": 1.1, "std_ms": 0.1, "runs": 50, "warmup": 10,
   "batch": 1, "threads": 1, "input": 224, "runtime": "pytorch-2.11.0/cuda/NVIDIA H100 80GB HBM3"}

An architecture that cannot be built gives {"arch": "...", "error": "..."} and the agent goes on.
Lines starting with '#' are comments (run information). Weights are random: latency does not
depend on trained values. CPU timing uses perf_counter around each forward pass; CUDA timing
uses CUDA events around each forward pass (or CUDA-graph replay, --timing graph) after
synchronising. Warm-up lasts at least --warmup runs and --min-warmup-ms milliseconds.

Works with PyTorch 1.13 (Debian's python3-torch) and 2.x. No other dependencies.
"""
import argparse
import json
import math
import statistics
import sys
import time

import torch
import torch.nn as nn

# --------------------------------------------------------------------------------------------
# NAS-Bench-201 (CIFAR-10 macro architecture, 32x32 input)

NB201_OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]


def parse_nb201(text):
    nodes = text.strip().split("+")
    if len(nodes) != 3:
        raise ValueError("expected 3 nodes separated by '+', found %d" % len(nodes))
    ops = []
    for j, node in enumerate(nodes):
        edges = [e for e in node.strip("|").split("|")]
        if len(edges) != j + 1:
            raise ValueError("node %d: expected %d edges, found %d" % (j + 1, j + 1, len(edges)))
        for i, edge in enumerate(edges):
            op, _, src = edge.partition("~")
            if op not in NB201_OPS:
                raise ValueError("unknown operation '%s'" % op)
            if src != str(i):
                raise ValueError("edge '%s' must come from node %d" % (edge, i))
            ops.append(op)
    return ops


class ReLUConvBN(nn.Sequential):
    def __init__(self, cin, cout, k, stride=1):
        super().__init__(nn.ReLU(inplace=False), nn.Conv2d(cin, cout, k, stride, k // 2, bias=False), nn.BatchNorm2d(cout))


class Zero(nn.Module):
    def forward(self, x):
        return x.mul(0.0)


def nb201_op(name, c):
    if name == "none":
        return Zero()
    if name == "skip_connect":
        return nn.Identity()
    if name == "nor_conv_1x1":
        return ReLUConvBN(c, c, 1)
    if name == "nor_conv_3x3":
        return ReLUConvBN(c, c, 3)
    return nn.AvgPool2d(3, 1, 1, count_include_pad=False)


class Nb201Cell(nn.Module):
    def __init__(self, ops, c):
        super().__init__()
        self.edges = nn.ModuleList(nb201_op(o, c) for o in ops)

    def forward(self, x):
        nodes = [x]
        k = 0
        for j in range(1, 4):
            s = None
            for i in range(j):
                y = self.edges[k](nodes[i])
                s = y if s is None else s + y
                k += 1
            nodes.append(s)
        return nodes[3]


class ResBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.a = ReLUConvBN(cin, cout, 3, 2)
        self.b = ReLUConvBN(cout, cout, 3, 1)
        self.short = nn.Sequential(nn.AvgPool2d(2, 2), nn.Conv2d(cin, cout, 1, bias=False))

    def forward(self, x):
        return self.b(self.a(x)) + self.short(x)


def build_nb201(text, classes=10):
    ops = parse_nb201(text)
    layers = [nn.Conv2d(3, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16)]
    cin = 16
    for stage, c in enumerate([16, 32, 64]):
        if stage > 0:
            layers.append(ResBlock(cin, c))
        layers += [Nb201Cell(ops, c) for _ in range(5)]
        cin = c
    layers += [nn.BatchNorm2d(cin), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, classes)]
    return nn.Sequential(*layers), 32


# --------------------------------------------------------------------------------------------
# Inverted residual blocks shared by FBNet and MobileNet-V2


def make_divisible(v, divisor=8):
    n = max(divisor, int(v + divisor / 2) // divisor * divisor)
    if n < 0.9 * v:
        n += divisor
    return n


class ChannelShuffle(nn.Module):
    def __init__(self, groups):
        super().__init__()
        self.groups = groups

    def forward(self, x):
        n, c, h, w = x.shape
        return x.view(n, self.groups, c // self.groups, h, w).transpose(1, 2).reshape(n, c, h, w)


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, k, mid, stride, act, groups=1, expand=True):
        super().__init__()
        layers = []
        if expand:
            layers += [nn.Conv2d(cin, mid, 1, groups=groups, bias=False), nn.BatchNorm2d(mid), act()]
            if groups > 1:
                layers.append(ChannelShuffle(groups))
        layers += [nn.Conv2d(mid, mid, k, stride, k // 2, groups=mid, bias=False), nn.BatchNorm2d(mid), act(),
                   nn.Conv2d(mid, cout, 1, groups=groups, bias=False), nn.BatchNorm2d(cout)]
        self.body = nn.Sequential(*layers)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        y = self.body(x)
        return x + y if self.residual else y


# FBNet (22 layer-wise choices, 224x224)

FBNET_CHOICES = ["k3_e1", "k3_e1_g2", "k3_e3", "k3_e6", "k5_e1", "k5_e1_g2", "k5_e3", "k5_e6", "skip"]
FBNET_STAGES = [(1, 16, 1), (4, 24, 2), (4, 32, 2), (4, 64, 2), (4, 112, 1), (4, 184, 2), (1, 352, 1)]


def build_fbnet(text):
    choices = text.strip().split("-")
    if len(choices) != 22:
        raise ValueError("expected 22 blocks separated by '-', found %d" % len(choices))
    for i, c in enumerate(choices):
        if c not in FBNET_CHOICES:
            raise ValueError("block %d: unknown choice '%s'" % (i + 1, c))
    layers = [nn.Conv2d(3, 16, 3, 2, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU(inplace=True)]
    cin, b = 16, 0
    for depth, cout, first_stride in FBNET_STAGES:
        for d in range(depth):
            stride = first_stride if d == 0 else 1
            c = choices[b]
            b += 1
            if c == "skip":
                if stride != 1 or cin != cout:
                    layers += [nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout)]
            else:
                k, e, g = int(c[1]), int(c[4]), 2 if c.endswith("_g2") else 1
                layers.append(InvertedResidual(cin, cout, k, cin * e, stride, lambda: nn.ReLU(inplace=True), groups=g))
            cin = cout
    layers += [nn.Conv2d(cin, 1504, 1, bias=False), nn.BatchNorm2d(1504), nn.ReLU(inplace=True),
               nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(1504, 1000)]
    return nn.Sequential(*layers), 224


# MobileNet-V2 (the paper's: OFA ProxylessNAS backbone, width 1.3, 224x224)

MBV2_WIDTHS = [32, 56, 104, 128, 248]
MBV2_STRIDES = [2, 2, 2, 1, 2]


def parse_mbconv(text, blocks):
    try:
        obj = json.loads(text)
    except ValueError as e:
        raise ValueError("invalid JSON (%s)" % e)
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    for key in obj:
        if key not in ("ks", "e", "d", "r"):
            raise ValueError("unknown key '%s'" % key)
    for key, n, allowed in (("ks", blocks, (3, 5, 7)), ("e", blocks, (3, 4, 6)), ("d", 5, (2, 3, 4))):
        v = obj.get(key)
        if not isinstance(v, list) or len(v) != n:
            raise ValueError("'%s' must be a list of %d integers" % (key, n))
        for i, x in enumerate(v):
            if x not in allowed:
                raise ValueError("%s[%d] = %r is not one of %s" % (key, i, x, allowed))
    return obj["ks"], obj["e"], obj["d"], int(obj.get("r", 224))


def build_mobilenetv2(text):
    ks, es, ds, r = parse_mbconv(text, 21)
    if r != 224:
        raise ValueError("resolution is fixed at 224, got %d" % r)
    act = lambda: nn.ReLU6(inplace=True)
    layers = [nn.Conv2d(3, 40, 3, 2, 1, bias=False), nn.BatchNorm2d(40), act(),
              InvertedResidual(40, 24, 3, 40, 1, act, expand=False)]
    cin = 24
    for s in range(5):
        for d in range(ds[s]):
            b = s * 4 + d
            layers.append(InvertedResidual(cin, MBV2_WIDTHS[s], ks[b], make_divisible(cin * es[b]),
                                           MBV2_STRIDES[s] if d == 0 else 1, act))
            cin = MBV2_WIDTHS[s]
    layers.append(InvertedResidual(cin, 416, ks[20], make_divisible(cin * es[20]), 1, act))
    layers += [nn.Conv2d(416, 1664, 1, bias=False), nn.BatchNorm2d(1664), act(),
               nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(1664, 1000)]
    return nn.Sequential(*layers), 224


BUILDERS = {"nasbench201": build_nb201, "fbnet": build_fbnet, "mobilenetv2": build_mobilenetv2}

# --------------------------------------------------------------------------------------------
# Timing


def warm_up(run, warmup, min_warmup_ms):
    """At least `warmup` runs and `min_warmup_ms` of them, so caches fill and clocks ramp up."""
    start, n = time.perf_counter(), 0
    while n < warmup or (time.perf_counter() - start) * 1000.0 < min_warmup_ms:
        run()
        n += 1


def time_cpu(model, x, warmup, runs, min_warmup_ms):
    warm_up(lambda: model(x), warmup, min_warmup_ms)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        model(x)
        times.append((time.perf_counter() - t0) * 1000.0)
    return times


def time_cuda(model, x, warmup, runs, min_warmup_ms, graph=False):
    run = lambda: model(x)
    if graph:
        # Replaying a captured graph removes the host's kernel-launch cost, which dominates
        # small batches in eager mode: what remains is the GPU's own execution time.
        side = torch.cuda.Stream()
        side.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(side):
            for _ in range(3):
                model(x)
        torch.cuda.current_stream().wait_stream(side)
        g = torch.cuda.CUDAGraph()
        with torch.cuda.graph(g):
            model(x)
        run = g.replay
    warm_up(run, warmup, min_warmup_ms)
    torch.cuda.synchronize()
    times = []
    for _ in range(runs):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        torch.cuda.synchronize()
        start.record()
        run()
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end))
    return times


def measure(space, arch, args, device, runtime):
    model, size = BUILDERS[space](arch)
    if args.input and args.input != size:
        size = args.input
    model = model.eval().to(device)
    x = torch.randn(args.batch, 3, size, size, device=device)
    with torch.no_grad():
        if device.type == "cuda":
            times = time_cuda(model, x, args.warmup, args.runs, args.min_warmup_ms, args.timing == "graph")
        else:
            times = time_cpu(model, x, args.warmup, args.runs, args.min_warmup_ms)
    return {
        "arch": arch,
        "median_ms": statistics.median(times),
        "mean_ms": statistics.fmean(times),
        "min_ms": min(times),
        "std_ms": statistics.stdev(times) if len(times) > 1 else 0.0,
        "runs": len(times),
        "warmup": args.warmup,
        "batch": args.batch,
        "threads": args.threads,
        "input": size,
        "runtime": runtime,
    }


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--space", required=True, choices=sorted(BUILDERS))
    p.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N")
    p.add_argument("--threads", type=int, default=1, help="CPU threads (torch.set_num_threads)")
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--input", type=int, default=0, help="input resolution (0 = the space's own)")
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--runs", type=int, default=50)
    p.add_argument("--min-warmup-ms", type=float, default=100.0, help="keep warming up at least this long")
    p.add_argument("--timing", default="eager", choices=["eager", "graph"],
                   help="CUDA only: time eager forward passes, or replays of a captured CUDA graph")
    p.add_argument("--archs", help="file with one architecture per line (default: stdin)")
    p.add_argument("--output", help="append results here too (JSON lines)")
    args = p.parse_args(argv)
    if args.threads < 1 or args.batch < 1 or args.runs < 1 or args.warmup < 0:
        p.error("--threads, --batch and --runs must be >= 1 and --warmup >= 0")

    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    if args.timing == "graph" and device.type != "cuda":
        p.error("--timing graph needs a CUDA device")
    if device.type == "cuda":
        if not torch.cuda.is_available():
            p.error("--device %s: CUDA is not available" % args.device)
        runtime = "pytorch-%s/cuda-%s/%s" % (torch.__version__, args.timing, torch.cuda.get_device_name(device))
    else:
        runtime = "pytorch-%s/cpu" % torch.__version__
    print("# agent runtime=%s space=%s batch=%d threads=%d warmup=%d runs=%d"
          % (runtime, args.space, args.batch, args.threads, args.warmup, args.runs), flush=True)

    out = open(args.output, "a") if args.output else None
    source = open(args.archs) if args.archs else sys.stdin
    for line in source:
        arch = line.strip()
        if not arch:
            continue
        try:
            result = measure(args.space, arch, args, device, runtime)
        except (ValueError, KeyError, TypeError) as e:
            result = {"arch": arch, "error": str(e)}
        text = json.dumps(result, separators=(",", ":"))
        print(text, flush=True)
        if out:
            out.write(text + "\n")
            out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
