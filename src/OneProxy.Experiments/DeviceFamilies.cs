using System.Text.RegularExpressions;

namespace OneProxy.Adaptation;

/// <summary>
/// Device families of the leave-one-family-out protocol (issue 19), read from column names:
/// GPUs by batch size (<c>titan_rtx_256</c>: "gpu-b256"), server CPUs (gold_*, silver_*),
/// phones, accelerators from performance models (eyeriss, fpga), the Raspberry Pi, this project's
/// own H100 and CPU measurements (h100_*, cpu_*), and the FLOPs/params pseudo-devices. A name
/// that matches nothing is a family of its own. A GPU's library also loses every setting of the
/// same GPU model: titan_rtx_32 is a near-twin of titan_rtx_256 and would carry the result.
/// </summary>
public static partial class DeviceFamilies
{
    [GeneratedRegex(@"^(1080ti|2080ti|titan_rtx|titanxp|titanx|v100|a100|p100|t4)_(\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex PublicGpu();

    private static readonly string[] Phones = ["pixel", "samsung", "essential", "mobile", "phone"];

    public static string Of(string device)
    {
        var d = device.ToLowerInvariant();
        if (PublicGpu().Match(d) is { Success: true } m) return "gpu-b" + m.Groups[2].Value;
        if (d.StartsWith("h100", StringComparison.Ordinal)) return "real-h100";
        if (d.StartsWith("cpu_", StringComparison.Ordinal)) return "real-cpu";
        if (d.StartsWith("gold_", StringComparison.Ordinal) || d.StartsWith("silver_", StringComparison.Ordinal)) return "server-cpu";
        if (Phones.Any(p => d.StartsWith(p, StringComparison.Ordinal))) return "phone";
        if (d is "eyeriss" or "fpga") return "accelerator";
        if (d.StartsWith("raspi", StringComparison.Ordinal)) return "edge-cpu";
        if (d is "flops" or "params") return "cost";
        return d;
    }

    /// <summary>The GPU model of a public GPU column (<c>titan_rtx_256</c>: "titan_rtx"), or null.</summary>
    public static string? GpuModel(string device) =>
        PublicGpu().Match(device.ToLowerInvariant()) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Whether <paramref name="candidate"/> may be in the library when <paramref name="target"/> is the unseen device.</summary>
    public static bool MayServe(string candidate, string target)
    {
        if (string.Equals(candidate, target, StringComparison.OrdinalIgnoreCase)) return false;
        if (Of(candidate) == Of(target)) return false;
        var model = GpuModel(target);
        return model is null || GpuModel(candidate) != model;
    }
}
