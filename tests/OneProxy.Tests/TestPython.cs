using System.Diagnostics;

namespace OneProxy.Tests;

/// <summary>Skips a test visibly when /usr/bin/python3 (or its torch, for .pt files) is absent; agents/setup.sh installs torch.</summary>
public static class TestPython
{
    private static readonly Lazy<bool> HasPython = new(() => Runs("import pickle"));
    private static readonly Lazy<bool> HasTorch = new(() => Runs("import torch"));

    public static void RequirePython() =>
        Skip.IfNot(HasPython.Value, "/usr/bin/python3 is not installed: the pickle/torch.save importers need it");

    public static void RequireTorch()
    {
        RequirePython();
        Skip.IfNot(HasTorch.Value, "torch is not installed for /usr/bin/python3 (run agents/setup.sh): HELP's .pt files cannot be written or read");
    }

    private static bool Runs(string code)
    {
        if (!File.Exists("/usr/bin/python3")) return false;
        var psi = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(code);
        using var p = Process.Start(psi)!;
        p.StandardError.ReadToEnd();
        return p.WaitForExit(60_000) && p.ExitCode == 0;
    }
}
