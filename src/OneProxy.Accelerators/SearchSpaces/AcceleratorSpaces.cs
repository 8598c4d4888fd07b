namespace OneProxy.SearchSpaces;

/// <summary>Registers the co-design spaces (nasbench301, alphanet) with <see cref="SearchSpaceRegistry"/>.</summary>
public static class AcceleratorSpaces
{
    public static void Register()
    {
        SearchSpaceRegistry.Register("nasbench301", () => new Nb301Space());
        SearchSpaceRegistry.Register("alphanet", () => new AlphaNetSpace());
    }
}
