namespace OneProxy.Data;

/// <summary>
/// Finds the shared datasets: <c>ONEPROXY_DATA</c> if set, otherwise <c>../shared/datasets</c>
/// next to the repository (searched upwards from the working directory, so tests and tools
/// started from build folders find it too).
/// </summary>
public static class DatasetLocator
{
    public const string EnvironmentVariable = "ONEPROXY_DATA";

    public static string Root
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnv)) return Path.GetFullPath(fromEnv);
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "..", "shared", "datasets");
                    if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
                }
            return Path.GetFullPath(Path.Combine("..", "shared", "datasets"));
        }
    }

    /// <summary>Path of a dataset file, e.g. <c>File("nasbench201", "latency_ms.csv")</c>.</summary>
    public static string File(string space, string name)
    {
        var path = Path.Combine(Root, space, name);
        if (!System.IO.File.Exists(path))
            throw new FileNotFoundException($"dataset file not found: {path} (set {EnvironmentVariable} to the datasets folder)", path);
        return path;
    }
}
