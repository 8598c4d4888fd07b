#!/usr/bin/env python3
"""OneProxy device agent: builds networks of OneProxy's search spaces with PyTorch and times them.

Reads architecture strings (OneProxy's text forms), one per line, from stdin or --archs FILE,
and prints one JSON line per architecture to stdout, flushed as soon as it is measured:

  {"arch": "...", "median_ms": 1.2, "mean_ms": 1.3, "min_ms": 1.1, "std_ms": 0.1, "runs": 50, "warmup": 10,
   "batch": 1, "threads": 1, "input": 224, "runtime": "pytorch-2.11.0/cuda/NVIDIA H100 80GB HBM3"}

With --energy auto (the default), each line also carries "energy_mj" (board/package energy per
inference, static power included) and "power_w" (mean power), measured after the timing runs
while the network runs back to back for --energy-ticks updates of the counter:
NVIDIA GPUs through NVML's total-energy counter (pynvml, or libnvidia-ml through ctypes), CPUs
through RAPL (/sys/class/powercap/intel-rapl:*/energy_uj). The window starts and stops on the
counter's own updates (NVML's on the H100: every 100 ms), so its resolution does not bias the
result; energy per inference = mean power x back-to-back time per pass (CUDA events). Where no counter is readable the agent says so once ("# energy unavailable: ...") and
records latency only.

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
# Energy counters


class NvmlCounter:
    """NVML's total-energy counter (mJ since driver load) of one GPU."""

    def __init__(self, index):
        try:
            import pynvml
        except ImportError:
            pynvml = None
        if pynvml is not None:
            try:
                pynvml.nvmlInit()
                handle = pynvml.nvmlDeviceGetHandleByIndex(index)
                pynvml.nvmlDeviceGetTotalEnergyConsumption(handle)
            except pynvml.NVMLError as e:
                raise RuntimeError("NVML: %s" % e)
            self._read = lambda: float(pynvml.nvmlDeviceGetTotalEnergyConsumption(handle))
            self.name = "nvml(pynvml)"
        else:
            # No pynvml: call the driver's library directly (same function, same units).
            import ctypes
            lib = ctypes.CDLL("libnvidia-ml.so.1")
            if lib.nvmlInit_v2() != 0:
                raise RuntimeError("nvmlInit_v2 failed")
            handle = ctypes.c_void_p()
            if lib.nvmlDeviceGetHandleByIndex_v2(ctypes.c_uint(index), ctypes.byref(handle)) != 0:
                raise RuntimeError("nvmlDeviceGetHandleByIndex_v2(%d) failed" % index)
            value = ctypes.c_ulonglong()

            def read():
                rc = lib.nvmlDeviceGetTotalEnergyConsumption(handle, ctypes.byref(value))
                if rc != 0:
                    raise RuntimeError("nvmlDeviceGetTotalEnergyConsumption returned %d" % rc)
                return float(value.value)
            self._read = read
            self.name = "nvml(ctypes)"
        self._read()  # raises here, once, where the GPU has no energy counter

    def read_mj(self):
        return self._read()


class RaplCounter:
    """Sum of the RAPL package domains (uJ, wrapping at max_energy_range_uj), in mJ."""

    def __init__(self, root="/sys/class/powercap"):
        import glob
        import os
        zones = [z for z in sorted(glob.glob(os.path.join(root, "intel-rapl:*")))
                 if z.count(":") == 1]  # packages only: their sub-zones (core, dram) are inside them
        if not zones:
            raise RuntimeError("no RAPL package zones under %s" % root)
        self._zones = []
        for z in zones:
            with open(os.path.join(z, "energy_uj")) as f:  # raises where not readable (root only)
                last = int(f.read())
            with open(os.path.join(z, "max_energy_range_uj")) as f:
                wrap = int(f.read())
            self._zones.append([os.path.join(z, "energy_uj"), wrap, last, 0])
        self.name = "rapl(%d package%s)" % (len(zones), "" if len(zones) == 1 else "s")

    def read_mj(self):
        total = 0
        for zone in self._zones:
            with open(zone[0]) as f:
                now = int(f.read())
            if now < zone[2]:
                zone[3] += zone[1]  # the counter wrapped
            zone[2] = now
            total += now + zone[3]
        return total / 1000.0


def open_energy_counter(device):
    """A counter for the device, or (None, why not)."""
    try:
        if device.type == "cuda":
            return NvmlCounter(device.index if device.index is not None else torch.cuda.current_device()), None
        return RaplCounter(), None
    except (OSError, RuntimeError) as e:  # no readable counter here: latency only, said once
        return None, "%s: %s" % (type(e).__name__, e)


def counter_period_ms(counter, seconds=0.5):
    """How often the counter changes (median gap between changes), for the run header."""
    gaps, last, t_last, start = [], counter.read_mj(), None, time.perf_counter()
    while time.perf_counter() - start < seconds:
        v = counter.read_mj()
        if v != last:
            now = time.perf_counter()
            if t_last is not None:
                gaps.append((now - t_last) * 1000.0)
            last, t_last = v, now
    return statistics.median(gaps) if gaps else float("nan")


class _Tick:
    """Polls a counter until it changes; the change happened between the last two polls, so the
    midpoint estimates its time to within half a poll (an NVML read takes a few ms)."""

    def __init__(self, counter):
        self.counter = counter
        self.value = counter.read_mj()
        self.polled = time.perf_counter()

    def changed(self):
        before = self.polled
        v = self.counter.read_mj()
        self.polled = time.perf_counter()
        if v == self.value:
            return None
        self.value = v
        return v, (before + self.polled) / 2.0


def energy_per_pass(counter, queue, ticks=1, max_s=5.0):
    """Energy per pass (mJ), mean power (W) and passes, over back-to-back passes.

    `queue` keeps the device busy (pump) and reports the time per pass of the work done between
    two host times (seconds_per_pass). Power is the counter's increase between two of its own
    updates, over their time: the first update seen while busy is skipped, because the energy it
    reports began before the passes did. The device never waits for the host, so idle gaps from
    reading the counter do not enter the result."""
    give_up = time.perf_counter() + max_s
    tick = _Tick(counter)
    seen = []
    while len(seen) < ticks + 2 and time.perf_counter() < give_up:
        queue.pump()
        t = tick.changed()
        if t is not None:
            seen.append(t)
    if len(seen) < ticks + 2:
        return None  # the counter did not move: report no energy rather than a wrong one
    (e0, t0), (e1, t1) = seen[1], seen[-1]
    queue.drain()
    power_w = (e1 - e0) / (t1 - t0) / 1000.0
    per_pass_s, passes = queue.seconds_per_pass(t0, t1)
    return power_w * per_pass_s * 1000.0, power_w, passes


class CpuQueue:
    """Back-to-back passes on the CPU: each pump runs one pass, timed on the host."""

    def __init__(self, run):
        self.run, self.log = run, []

    def pump(self):
        t = time.perf_counter()
        self.run()
        self.log.append((t, time.perf_counter()))

    def drain(self):
        pass

    def seconds_per_pass(self, t0, t1):
        inside = [b - a for a, b in self.log if a >= t0 and b <= t1]
        return (statistics.fmean(inside) if inside else float("nan")), len(inside)


class CudaQueue:
    """Keeps `depth` chunks of `chunk` passes queued on the GPU, each chunk ended by an event, so
    the GPU stays busy while the host reads the counter; per-pass time comes from the events."""

    def __init__(self, run, chunk, depth=3):
        self.run, self.chunk, self.depth = run, chunk, depth
        self.pending, self.done = [], []  # (event, host time when enqueued)
        self.first = torch.cuda.Event(enable_timing=True)
        self.first.record()

    def pump(self):
        while self.pending and self.pending[0][0].query():
            ev, _ = self.pending.pop(0)
            self.done.append((ev, time.perf_counter()))  # host time the chunk was seen complete
        while len(self.pending) < self.depth:
            for _ in range(self.chunk):
                self.run()
            ev = torch.cuda.Event(enable_timing=True)
            ev.record()
            self.pending.append((ev, time.perf_counter()))

    def drain(self):
        torch.cuda.synchronize()
        self.done += [(ev, time.perf_counter()) for ev, _ in self.pending]
        self.pending = []

    def seconds_per_pass(self, t0, t1):
        # chunks seen complete inside [t0, t1]: GPU time between the first and last such event
        inside = [ev for ev, seen in self.done if t0 <= seen <= t1]
        if len(inside) < 2:
            return float("nan"), 0
        passes = self.chunk * (len(inside) - 1)
        return inside[0].elapsed_time(inside[-1]) / 1000.0 / passes, passes


# --------------------------------------------------------------------------------------------
# Timing


def warm_up(run, warmup, min_warmup_ms):
    """At least `warmup` runs and `min_warmup_ms` of them, so caches fill and clocks ramp up."""
    start, n = time.perf_counter(), 0
    while n < warmup or (time.perf_counter() - start) * 1000.0 < min_warmup_ms:
        run()
        n += 1


def time_cpu(run, warmup, runs, min_warmup_ms):
    warm_up(run, warmup, min_warmup_ms)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000.0)
    return times


def cuda_runner(model, x, graph=False):
    run = lambda: model(x)
    if graph:
        # Replaying a captured graph removes the host's kernel-launch cost, which dominates
        # small batches in eager mode: what remains is the GPU's own execution time.
        side = torch.cuda.Stream()
        side.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(side):
            for _ in range(3):
                model(x)
        g = torch.cuda.CUDAGraph()
        # capture_begin/end on the side stream is what torch.cuda.graph does, less its
        # empty_cache(), which costs about half a second per architecture when capturing hundreds
        try:
            with torch.cuda.stream(side):
                g.capture_begin()
                try:
                    model(x)
                finally:
                    g.capture_end()
            torch.cuda.current_stream().wait_stream(side)
        except RuntimeError:
            torch.cuda.synchronize()
            g = torch.cuda.CUDAGraph()
            with torch.cuda.graph(g):  # the documented path, if this PyTorch refuses the short one
                model(x)
        torch.cuda.synchronize()
        run = g.replay
    return run


def time_cuda(run, warmup, runs, min_warmup_ms, sync_each=True):
    warm_up(run, warmup, min_warmup_ms)
    torch.cuda.synchronize()
    if not sync_each:
        # events around each pass, queued back to back, one synchronise at the end: on the H100
        # VM a host synchronise costs about 12 ms, which made 50 synchronised runs take 0.6 s
        marks = [torch.cuda.Event(enable_timing=True) for _ in range(runs + 1)]
        marks[0].record()
        for i in range(runs):
            run()
            marks[i + 1].record()
        marks[-1].synchronize()
        return [marks[i].elapsed_time(marks[i + 1]) for i in range(runs)]
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


def measure(space, arch, args, device, runtime, counter=None):
    t_start = time.perf_counter()
    model, size = BUILDERS[space](arch)
    if args.input and args.input != size:
        size = args.input
    model = model.eval().to(device)
    x = torch.randn(args.batch, 3, size, size, device=device)
    energy = None
    with torch.no_grad():
        if device.type == "cuda":
            run = cuda_runner(model, x, args.timing == "graph")
            t_built = time.perf_counter()
            times = time_cuda(run, args.warmup, args.runs, args.min_warmup_ms, args.sync_runs == "each")
        else:
            run = lambda: model(x)
            t_built = time.perf_counter()
            times = time_cpu(run, args.warmup, args.runs, args.min_warmup_ms)
        t_timed = time.perf_counter()
        if counter is not None:
            if device.type == "cuda":
                # chunks of >= 5 ms, three queued: the GPU outlasts a counter read (a few ms)
                queue = CudaQueue(run, max(1, int(math.ceil(5.0 / max(statistics.median(times), 1e-3)))))
            else:
                queue = CpuQueue(run)
            energy = energy_per_pass(counter, queue, args.energy_ticks)
    t_end = time.perf_counter()
    result = {
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
    if energy is not None:
        result["energy_mj"], result["power_w"], result["energy_passes"] = energy
    # where the agent's own time goes (build+capture, timing, energy), for planning runs
    result["phase_s"] = [round(t_built - t_start, 3), round(t_timed - t_built, 3), round(t_end - t_timed, 3)]
    return result


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
    p.add_argument("--sync-runs", default="each", choices=["each", "end"],
                   help="CUDA only: synchronise the host before each timed run (each), or queue the runs "
                        "back to back with an event between them and synchronise once (end)")
    p.add_argument("--energy", default="auto", choices=["auto", "off"],
                   help="auto: measure energy per inference where a counter is readable (NVML, RAPL)")
    p.add_argument("--energy-ticks", type=int, default=2,
                   help="counter updates to integrate over per architecture (NVML: about 100 ms each)")
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
    counter = None
    if args.energy == "auto":
        counter, why = open_energy_counter(device)
        if counter is None:
            print("# energy unavailable (%s); recording latency only" % why, flush=True)
        else:
            print("# energy counter=%s period_ms=%.1f ticks=%d"
                  % (counter.name, counter_period_ms(counter), args.energy_ticks), flush=True)

    out = open(args.output, "a") if args.output else None
    source = open(args.archs) if args.archs else sys.stdin
    for line in source:
        arch = line.strip()
        if not arch:
            continue
        try:
            result = measure(args.space, arch, args, device, runtime, counter)
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
