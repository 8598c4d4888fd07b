namespace OneProxy.Data;

/// <summary>A predictor or model file that cannot be used: bad JSON, wrong format, version, space or shape. The message starts with the file.</summary>
public sealed class ModelFileException(string message) : OneProxyException(message);
