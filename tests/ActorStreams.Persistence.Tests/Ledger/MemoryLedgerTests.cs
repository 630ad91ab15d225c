using Xunit.Abstractions;

namespace ActorStreams.Persistence.Tests.Ledger;

[Trait("Category", "Unit")]
public sealed class MemoryLedgerTests(ITestOutputHelper output) : PartitionLedgerSpec("memory", output);
