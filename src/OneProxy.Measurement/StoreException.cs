namespace OneProxy.Measurement;

/// <summary>The measurement store could not be opened, read or written; the message names the file.</summary>
public sealed class StoreException(string message, Exception? inner = null) : OneProxyException(message, inner);
