namespace OneProxy.Measurement;

/// <summary>
/// Files that ship with OneProxy (the PyTorch agent, the import converter) and the Python that runs them. They are
/// found from the working folder upwards (a checkout) or from the program's folder upwards (an installed tool).
/// </summary>
public static class BundledFile
{
    /// <summary>Debian's python3-torch installs for /usr/bin/python3; ONEPROXY_PYTHON overrides it.</summary>
    public static string Python => Environment.GetEnvironmentVariable("ONEPROXY_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";

    /// <summary>The full path of <paramref name="relativePath"/>, or null when neither search finds it (the caller says what to do instead).</summary>
    public static string? Find(string relativePath)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
