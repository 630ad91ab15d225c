using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Persistence.Tests.Ledger;

[Trait("Category", "Integration")]
public sealed class PostgresLedgerTests(PostgresDatabaseFixture database, ITestOutputHelper output)
    : SharedStoreLedgerSpec(database.Uri, output), IClassFixture<PostgresDatabaseFixture>;
