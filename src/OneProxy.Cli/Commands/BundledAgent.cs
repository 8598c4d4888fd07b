namespace OneProxy.Cli.Commands;

/// <summary>Finds the bundled PyTorch agent (agents/oneproxy_agent.py) from the working folder or the program's.</summary>
public static class BundledAgent
{
    public const string RelativePath = "agents/oneproxy_agent.py";

    public static string Python => OneProxy.Measurement.BundledFile.Python;

    public static string Locate() => OneProxy.Measurement.BundledFile.Find(RelativePath) ?? throw new FileNotFoundException($"bundled agent {RelativePath} not found above {Directory.GetCurrentDirectory()}; pass --agent");

    public static string CpuTemplate() =>
        $"{Python} {OneProxy.Measurement.AgentCommand.ShellQuote(Locate())} --space {{space}} --device cpu --threads {{threads}} --batch {{batch}} --input {{input}} --warmup {{warmup}} --runs {{runs}}";
}
