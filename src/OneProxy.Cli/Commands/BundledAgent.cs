namespace OneProxy.Cli.Commands;

/// <summary>Finds the bundled PyTorch agent (agents/oneproxy_agent.py) from the working folder or the program's.</summary>
public static class BundledAgent
{
    public const string RelativePath = "agents/oneproxy_agent.py";

    /// <summary>Debian's python3-torch installs for /usr/bin/python3; ONEPROXY_PYTHON overrides it.</summary>
    public static string Python => Environment.GetEnvironmentVariable("ONEPROXY_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";

    public static string Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativePath);
                if (File.Exists(candidate)) return candidate;
            }
        throw new FileNotFoundException($"bundled agent {RelativePath} not found above {Directory.GetCurrentDirectory()}; pass --agent");
    }

    public static string CpuTemplate() =>
        $"{Python} {OneProxy.Measurement.AgentCommand.ShellQuote(Locate())} --space {{space}} --device cpu --threads {{threads}} --batch {{batch}} --input {{input}} --warmup {{warmup}} --runs {{runs}}";
}
