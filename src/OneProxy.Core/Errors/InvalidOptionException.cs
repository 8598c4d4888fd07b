namespace OneProxy;

/// <summary>
/// An option value outside its range, or options that contradict each other. <see cref="Option"/>
/// is the option's name without dashes (<c>sample</c>); the CLI shows it as <c>--sample</c>, the
/// service as the JSON field <c>sample</c>, so one options record serves both.
/// </summary>
public sealed class InvalidOptionException(string option, string problem)
    : OneProxyException($"--{option}: {problem}")
{
    public string Option { get; } = option;
    public string Problem { get; } = problem;
}
