namespace ActorStreams.TestKit;

/// <summary>
/// HOCON that makes Akka.Persistence.TestKit's journal and snapshot store the actor system's store: in memory, and made to
/// fail on purpose through <c>TestJournal.FromRef(...).OnWrite</c> / <c>OnConnect</c> (the test project references
/// Akka.Persistence.TestKit).
/// </summary>
public static class FailingStoreConfig
{
    /// <summary>The <c>akka.persistence</c> settings.</summary>
    public const string Hocon = """
        akka.persistence.journal {
          plugin = "akka.persistence.journal.test"
          test {
            class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
            plugin-dispatcher = "akka.actor.default-dispatcher"
          }
        }
        akka.persistence.snapshot-store {
          plugin = "akka.persistence.snapshot-store.test"
          test {
            class = "Akka.Persistence.TestKit.TestSnapshotStore, Akka.Persistence.TestKit"
            plugin-dispatcher = "akka.actor.default-dispatcher"
          }
        }
        """;
}
