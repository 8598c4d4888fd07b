using OneProxy.Transfer;

namespace OneProxy.Application.Bench;

public sealed record BenchTransferReport(string Proxy, TransferOptions Options, IReadOnlyList<TransferBenchmarkRow> Rows, IReadOnlyList<string> Notes);
