using System.Reflection;
using System.Xml.Linq;

namespace OneProxy.Tests.Layering;

/// <summary>
/// The layering of docs/architecture.md, enforced: each assembly may reference only the project
/// assemblies listed for it, and pure algorithm assemblies may not reference file formats,
/// databases, HTTP or the command line. A new project under src/ must be added here, which is
/// the point: its place in the layering is a decision, not an accident.
/// </summary>
public class DependencyRulesTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Core"] = [],
        ["Spaces"] = ["Core"],
        ["Learning"] = ["Core"],
        ["Latency"] = ["Core", "Spaces"],
        ["Search"] = ["Core", "Spaces", "Latency", "Learning"],
        ["Accelerators"] = ["Core", "Spaces", "Data", "Latency", "Search", "Reports"],
        ["Aquaman"] = ["Core", "Learning", "Reports"],
        ["Energy"] = ["Core", "Spaces", "Latency", "Search", "Learning", "Accelerators", "Data", "Reports"],
        ["Data"] = ["Core", "Spaces", "Latency", "Learning"],
        ["Measurement"] = ["Core", "Spaces", "Data"],
        ["Storage"] = ["Core", "Spaces", "Data", "Measurement"],
        ["Experiments"] = ["Core", "Spaces", "Data", "Latency", "Search", "Learning", "Accelerators", "Aquaman", "Energy"],
        ["Reports"] = ["Core", "Latency", "Search"],
        ["Application"] = ["Core", "Spaces", "Data", "Latency", "Learning", "Search", "Measurement", "Storage", "Experiments", "Reports", "Accelerators", "Aquaman", "Energy"],
        ["Service"] = ["Core", "Spaces", "Data", "Latency", "Learning", "Search", "Measurement", "Storage", "Reports", "Application", "Aquaman", "Accelerators", "Energy", "Experiments"],
        ["Cli"] = ["Core", "Spaces", "Data", "Latency", "Learning", "Search", "Measurement", "Storage", "Experiments", "Reports", "Application", "Service", "Accelerators", "Aquaman", "Energy"],
    };

    /// <summary>Algorithms stay testable and reusable: no files formats, databases, HTTP or CLI packages.</summary>
    private static readonly string[] Pure = ["Core", "Spaces", "Learning", "Latency", "Search", "Energy"];

    private static readonly string[] ForbiddenInPure =
        ["CsvHelper", "Microsoft.Data.Sqlite", "Npgsql", "Dapper", "System.CommandLine", "Spectre.Console", "Microsoft.AspNetCore", "ScottPlot", "OxyPlot"];

    public static TheoryData<string> Projects()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(SrcDir(), "OneProxy.*")) data.Add(Path.GetFileName(dir)["OneProxy.".Length..]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectReferencesFollowTheLayering(string project)
    {
        Assert.True(Allowed.ContainsKey(project), $"src/OneProxy.{project} has no place in the layering: add it to DependencyRulesTests and docs/architecture.md");
        var csproj = XDocument.Load(Path.Combine(SrcDir(), $"OneProxy.{project}", $"OneProxy.{project}.csproj"));
        var references = csproj.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!)["OneProxy.".Length..]).ToList();
        var forbidden = references.Except(Allowed[project]).ToList();
        Assert.True(forbidden.Count == 0, $"OneProxy.{project} references {string.Join(", ", forbidden)}; allowed: {string.Join(", ", Allowed[project])}");
        if (Pure.Contains(project))
        {
            var packages = csproj.Descendants("PackageReference").Select(r => (string)r.Attribute("Include")!).ToList();
            var bad = packages.Where(p => ForbiddenInPure.Any(f => p.StartsWith(f, StringComparison.Ordinal))).ToList();
            Assert.True(bad.Count == 0, $"pure assembly OneProxy.{project} references {string.Join(", ", bad)}");
            Assert.DoesNotContain(csproj.Descendants("FrameworkReference"), _ => true);
        }
    }

    [Fact]
    public void CompiledAssembliesUseOnlyAllowedProjectAssemblies()
    {
        // The compiled references are what the code really uses (the compiler drops unused ones),
        // so this also catches a reference smuggled in transitively.
        var checkedCount = 0;
        foreach (var (project, allowed) in Allowed)
        {
            Assembly asm;
            try { asm = Assembly.Load($"OneProxy.{project}"); }
            catch (FileNotFoundException) { continue; } // not referenced by the test project (e.g. planned assemblies)
            checkedCount++;
            var used = asm.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("OneProxy.", StringComparison.Ordinal))
                .Select(n => n["OneProxy.".Length..]).ToList();
            var forbidden = used.Except(allowed).ToList();
            Assert.True(forbidden.Count == 0, $"OneProxy.{project} uses {string.Join(", ", forbidden)}");
            if (Pure.Contains(project))
            {
                var external = asm.GetReferencedAssemblies().Select(a => a.Name!).Where(n => ForbiddenInPure.Any(f => n.StartsWith(f, StringComparison.Ordinal))).ToList();
                Assert.True(external.Count == 0, $"pure assembly OneProxy.{project} uses {string.Join(", ", external)}");
            }
        }
        Assert.True(checkedCount >= 10, $"only {checkedCount} assemblies could be loaded");
    }

    [Fact]
    public void NoBenchmarkTypeIsUsedOutsideBenchmarksAndExperiments()
    {
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(SrcDir(), "*.cs", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(SrcDir(), file);
            if (rel.StartsWith("OneProxy.Experiments", StringComparison.Ordinal) || rel.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")) continue;
            if (Path.GetFileName(file).StartsWith("Bench", StringComparison.Ordinal)) continue; // bench commands and bench use cases
            if (rel.Contains($"{Path.DirectorySeparatorChar}Bench{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue; // a Bench folder (the service's load benchmark)
            var text = File.ReadAllText(file);
            if (System.Text.RegularExpressions.Regex.IsMatch(text, @"\b\w+Benchmark\b")) offenders.Add(rel);
        }
        Assert.True(offenders.Count == 0, "Benchmark types used outside benchmarks: " + string.Join(", ", offenders));
    }

    [Fact]
    public void CommandFilesOnlyBindOptions()
    {
        var dir = Path.Combine(SrcDir(), "OneProxy.Cli", "Commands");
        var tooLong = Directory.EnumerateFiles(dir, "*Command.cs", SearchOption.AllDirectories)
            .Select(f => (File: Path.GetRelativePath(dir, f), Lines: File.ReadLines(f).Count()))
            .Where(x => x.Lines > 90).ToList();
        Assert.True(tooLong.Count == 0, "command files over 90 lines: " + string.Join(", ", tooLong.Select(x => $"{x.File} ({x.Lines})")));
    }

    internal static string SrcDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OneProxy.sln"))) return Path.Combine(dir.FullName, "src");
        throw new DirectoryNotFoundException("OneProxy.sln not found above " + AppContext.BaseDirectory);
    }
}
