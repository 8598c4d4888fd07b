using OneProxy.Search;
using OneProxy.SearchSpaces;
using OneProxy.Transfer;

namespace OneProxy.Application.Transfer;

/// <summary>
/// One transfer: the run with adaptation, the proxy-only run with the same pool and budget, and
/// the target's oracle front from the recording, each set's hypervolume over the oracle's.
/// Latencies of <see cref="TransferResult.Front"/> are measured on the target.
/// </summary>
public sealed record TransferReport(ISearchSpace Space, string Proxy, string Target, TransferResult Result, TransferResult ProxyOnly,
    IReadOnlyList<Candidate> Oracle, double HvRatio, double HvRatioProxyOnly, IReadOnlyList<string> Notes, bool AccuracyPredicted = false);
