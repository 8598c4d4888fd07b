namespace OneProxy.Accelerators;

/// <summary>
/// The mapping cannot run on the accelerator; the message says why, following MAESTRO's verdict
/// (e.g. KC-P's <c>Cluster(64, P)</c> with fewer than 64 PEs, where MAESTRO stops with a
/// floating-point exception and writes no result).
/// </summary>
public sealed class MappingRejectedException(string reason) : OneProxyException(reason);
