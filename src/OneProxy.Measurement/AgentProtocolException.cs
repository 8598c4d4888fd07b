namespace OneProxy.Measurement;

/// <summary>
/// A device agent broke the protocol (garbage output, crash, timeout, an answer for the wrong
/// architecture). The message names the agent's output line or the architecture in flight.
/// </summary>
public sealed class AgentProtocolException(string message) : OneProxyException(message);
