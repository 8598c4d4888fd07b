namespace OneProxy.Aquaman.Service;

/// <summary>The names the CLI, the service's store and the docs use for each hosted exploration.</summary>
public static class PolicyNames
{
    public static string Of(HostedExploration exploration) => exploration switch
    {
        HostedExploration.Thesis => "aquaman",
        HostedExploration.NeuralLinUcbAugmented => "aquaman-nlaug",
        _ => throw new ArgumentOutOfRangeException(nameof(exploration), exploration, "unknown hosted policy"),
    };
}
