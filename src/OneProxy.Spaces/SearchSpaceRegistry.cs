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

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static ISearchSpace Get(string name) =>
        Factories.TryGetValue(name, out var f)
            ? f()
            : throw new InvalidOptionException("space", $"unknown search space {OneProxyException.Quote(name, 40)} (known: {string.Join(", ", Factories.Keys)})");
}
