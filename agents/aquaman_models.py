#!/usr/bin/env python3
"""Measures ImageNet CNNs for Aquaman's measured environment (docs/aquaman.md).

Builds each network from torchvision (or timm for MobileNet V1, Inception V4 and NASNet-Large) WITHOUT
weights, extracts model features (million MACs of conv and linear layers, million parameters, fp32 size,
torch.fx graph nodes, conv + linear layers), and times inference at the given batch sizes and precisions.
On CUDA the GPU energy per request comes from NVML's total-energy counter over a loop of >= --energy-ms.
Writes one JSON object per (setting, model) line to stdout. Top-1 is the published ImageNet-1K accuracy of
the pretrained weights (torchvision's weight metadata; paper values for the timm models), read from code:
nothing is downloaded.

  python3 agents/aquaman_models.py --device cuda --batches 1,16 --precisions fp32,fp16 > h100.jsonl
  python3 agents/aquaman_models.py --device cpu --threads 1 --batches 1 --precisions fp32 > cpu1.jsonl
  python3 agents/aquaman_models.py --merge h100.jsonl cpu1.jsonl cpu2.jsonl > docs/data/aquaman-measured.csv
"""
import argparse, json, os, statistics, sys, time

TORCHVISION = ["mobilenet_v2", "mobilenet_v3_small", "mobilenet_v3_large", "inception_v3", "googlenet",
               "efficientnet_b0", "efficientnet_b1", "efficientnet_b2", "efficientnet_b3", "efficientnet_b4",
               "efficientnet_v2_s", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
               "densenet121", "densenet169", "squeezenet1_1", "shufflenet_v2_x0_5", "shufflenet_v2_x1_0",
               "mnasnet0_5", "mnasnet1_0", "regnet_y_400mf", "regnet_x_1_6gf", "convnext_tiny", "vgg16",
               "alexnet", "wide_resnet50_2", "resnext50_32x4d"]
# timm models with the ImageNet top-1 and input size of their papers (MobileNet V1 1.0: 70.6 at 224;
# Inception V4: 80.0 at 299; NASNet-A Large: 82.7 at 331)
TIMM = {"mobilenetv1_100": (70.6, 224), "inception_v4": (80.0, 299), "nasnetalarge": (82.7, 331)}
CSV_COLUMNS = ["device", "hardware", "precision", "threads", "peak_tflops", "cores", "memory_gb", "memory_bw_gbs",
               "batch", "model", "source", "mmacs", "mparams", "size_mb", "nodes", "layers", "top1", "input",
               "latency_ms", "latency_ms_p90", "energy_j", "runs"]


def build(name):
    import torch
    if name in TIMM:
        import timm
        top1, res = TIMM[name]
        return timm.create_model(name, pretrained=False), res, top1, "timm"
    import torchvision.models as tvm
    weights = tvm.get_model_weights(name).DEFAULT
    model = tvm.get_model(name, weights=None)
    res = int(weights.transforms().crop_size[0])
    return model, res, float(weights.meta["_metrics"]["ImageNet-1K"]["acc@1"]), "torchvision"


def features(model, res):
    import torch, torch.nn as nn
    macs = [0]

    def hook(m, inp, out):
        if isinstance(m, nn.Conv2d):
            macs[0] += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]
        elif isinstance(m, nn.Linear):
            macs[0] += out.numel() * m.in_features
    hs = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, 3, res, res))
    for h in hs:
        h.remove()
    params = sum(p.numel() for p in model.parameters())
    layers = sum(1 for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear)))
    try:
        import torch.fx
        nodes = len(torch.fx.symbolic_trace(model).graph.nodes)
    except Exception:  # some graphs (control flow) do not trace: count leaf modules instead
        nodes = sum(1 for m in model.modules() if len(list(m.children())) == 0)
    return {"mmacs": macs[0] / 1e6, "mparams": params / 1e6, "size_mb": params * 4 / 1e6, "nodes": nodes, "layers": layers}


def hardware(device, threads):
    import torch
    if device.startswith("cuda"):
        name = torch.cuda.get_device_name(0)
        props = torch.cuda.get_device_properties(0)
        pcie = "PCIe" in name
        # public peak numbers: FP32 (non-tensor) and dense FP16 tensor TFLOPS, HBM bandwidth
        return {"hardware": name, "cores": props.multi_processor_count, "memory_gb": round(props.total_memory / 2**30, 1),
                "memory_bw_gbs": 2000 if pcie else 3350, "peak": {"fp32": 51 if pcie else 67, "fp16": 756 if pcie else 989}}
    mhz = 0.0
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("cpu MHz"):
                mhz = max(mhz, float(line.split(":")[1]))
    with open("/proc/meminfo") as f:
        mem_gb = int(f.readline().split()[1]) / 2**20
    model = next((l.split(":")[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "cpu")
    # peak = GHz x 32 fp32 FLOPs/cycle (two 512-bit FMAs) x threads; bandwidth an assumed 10 GB/s per thread
    return {"hardware": model, "cores": threads, "memory_gb": round(mem_gb, 1), "memory_bw_gbs": 10 * threads,
            "peak": {"fp32": mhz / 1000 * 32 * threads / 1000}}


def time_model(model, x, device, runs, warmup, energy_ms):
    import torch
    cuda = device.startswith("cuda")
    with torch.no_grad():
        for _ in range(warmup):
            model(x)
        if cuda:
            torch.cuda.synchronize()
        times = []
        for _ in range(runs):
            if cuda:
                s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
                s.record(); model(x); e.record(); torch.cuda.synchronize()
                times.append(s.elapsed_time(e))
            else:
                t0 = time.perf_counter(); model(x); times.append((time.perf_counter() - t0) * 1000)
        energy = None
        if cuda and energy_ms > 0:
            import pynvml
            h = pynvml.nvmlDeviceGetHandleByIndex(0)
            n = max(5, int(energy_ms / max(statistics.median(times), 0.05)))
            torch.cuda.synchronize()
            e0 = pynvml.nvmlDeviceGetTotalEnergyConsumption(h)
            t0 = time.perf_counter()
            for _ in range(n):
                model(x)
            torch.cuda.synchronize()
            e1 = pynvml.nvmlDeviceGetTotalEnergyConsumption(h)
            energy = (e1 - e0) / 1000.0 / n  # mJ -> J per request
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))], energy


def measure(args):
    import torch
    torch.backends.cudnn.benchmark = True
    if args.device == "cpu":
        torch.set_num_threads(args.threads)
    if args.device.startswith("cuda"):
        import pynvml
        pynvml.nvmlInit()
    hw = hardware(args.device, args.threads)
    names = [n for n in args.models.split(",")] if args.models else TORCHVISION + list(TIMM)
    deadline = time.time() + args.budget_s
    for name in names:
        if time.time() > deadline:
            print("budget reached before %s" % name, file=sys.stderr)
            break
        try:
            model, res, top1, source = build(name)
            f = features(model, res)
        except Exception as e:  # a builder missing on this machine (e.g. no timm): skip it, say so
            print("skip %s: %s" % (name, e), file=sys.stderr)
            continue
        model = model.to(args.device).eval()
        for prec in args.precisions.split(","):
            m = model.half() if prec == "fp16" else model.float()
            for b in [int(v) for v in args.batches.split(",")]:
                x = torch.randn(b, 3, res, res, device=args.device, dtype=torch.float16 if prec == "fp16" else torch.float32)
                med, p90, energy = time_model(m, x, args.device, args.runs, args.warmup, args.energy_ms)
                kind = "h100" if args.device.startswith("cuda") else "cpu%dt" % args.threads
                row = {"device": "%s-%s-b%d" % (kind, prec, b), "hardware": hw["hardware"], "precision": prec, "threads": args.threads,
                       "peak_tflops": hw["peak"][prec], "cores": hw["cores"], "memory_gb": hw["memory_gb"],
                       "memory_bw_gbs": hw["memory_bw_gbs"], "batch": b, "model": name, "source": source, **f,
                       "top1": top1, "input": res, "latency_ms": med, "latency_ms_p90": p90, "energy_j": energy, "runs": args.runs}
                print(json.dumps(row), flush=True)
        del model
        if args.device.startswith("cuda"):
            torch.cuda.empty_cache()


def merge(paths):
    import csv
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for p in paths:
        for line in open(p):
            line = line.strip()
            if line.startswith("{"):
                r = json.loads(line)
                w.writerow(["" if r.get(c) is None else (round(r[c], 6) if isinstance(r[c], float) else r[c]) for c in CSV_COLUMNS])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--device", default="cpu")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batches", default="1")
    p.add_argument("--precisions", default="fp32")
    p.add_argument("--models", default="", help="comma-separated subset (default: all)")
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--energy-ms", type=float, default=300, help="CUDA: length of the NVML energy loop")
    p.add_argument("--budget-s", type=float, default=1e9, help="stop starting new models after this many seconds")
    p.add_argument("--merge", nargs="+", help="merge JSON-lines files into the CSV on stdout")
    args = p.parse_args()
    if args.merge:
        merge(args.merge)
    else:
        measure(args)


if __name__ == "__main__":
    main()
