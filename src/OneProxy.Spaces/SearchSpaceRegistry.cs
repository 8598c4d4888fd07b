namespace OneProxy.SearchSpaces;

/// <summary>Looks spaces up by the names the CLI and data files use.</summary>
public static class SearchSpaceRegistry
{
    private static readonly Dictionary<string, Func<ISearchSpace>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nasbench201"] = () => new NasBench201Space(),
        ["fbnet"] = () => new FbNetSpace(),
        ["mobilenetv2"] = () => new MobileNetV2Space(),
        ["ofa-mbv3"] = () => new OfaMobileNetV3Space(),
    };

    public static IReadOnlyCollection<string> Names { get { lock (Factories) return Factories.Keys.ToArray(); } }

    /// <summary>Adds a space defined in an assembly this one cannot reference (no-op when the name is taken).</summary>
    public static void Register(string name, Func<ISearchSpace> factory)
    {
        lock (Factories) Factories.TryAdd(name, factory);
    }

    public static ISearchSpace Get(string name)
    {
        Func<ISearchSpace>? f;
        lock (Factories)
            if (!Factories.TryGetValue(name, out f))
                throw new InvalidOptionException("space", $"unknown search space {OneProxyException.Quote(name, 40)} (known: {string.Join(", ", Factories.Keys)})");
        return f();
    }
}
