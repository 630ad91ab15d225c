namespace ActorStreams.Persistence.Tests;

[Trait("Category", "Unit")]
public sealed class InMemoryStateStoreTests : StateStoreSpec
{
    protected override async Task<IStateStore> CreateStoreAsync()
    {
        var store = new InMemoryStateStore();
        await store.InitializeAsync(default);
        return store;
    }

    protected override void FailAfterEntityRows(IStateStore store, int rows) =>
        ((InMemoryStateStore)store).AfterEntityRowsWritten = FailureHook(rows);
}
