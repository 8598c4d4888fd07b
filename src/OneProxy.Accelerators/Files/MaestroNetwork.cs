namespace OneProxy.Accelerators.Files;

/// <summary>A network read from a MAESTRO model (or mapping) file: its name and named layers.</summary>
public sealed record MaestroNetwork(string Name, IReadOnlyList<string> LayerNames, IReadOnlyList<Layer> Layers);
