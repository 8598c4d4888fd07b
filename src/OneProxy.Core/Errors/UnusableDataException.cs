namespace OneProxy;

/// <summary>
/// Input that is well-formed but cannot serve the request: a device column with too few measured
/// architectures, an accuracy table that covers none of a front, an unknown device name. The
/// message names the data (file, column, device) and what would make it usable.
/// </summary>
public sealed class UnusableDataException(string message) : OneProxyException(message);
