namespace ActorStreams.Cli.Tests.Inspection;

/// <summary>Answers of the admin API as docs/admin-api.md specifies them, at <see cref="Now"/>.</summary>
internal static class CannedJson
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    public const string Cluster = """
        {"group_id":"actorstreams","self":"node-1","version":"0.1.0","count":3,
         "members":[
          {"node_id":"node-1","address":"127.0.0.1:9110","status":"up","partitions":[0,1,2,3,8],
           "shards":10,"entities":1290,"lag":0,"started_at":"2026-11-22T04:57:30.000Z","uptime_seconds":3750.5,
           "last_heartbeat":"2026-11-22T05:59:59.000Z","version":"0.1.0","akka_address":"akka.tcp://actorstreams@127.0.0.1:4053"},
          {"node_id":"node-2","address":"127.0.0.1:9111","status":"leaving","partitions":[4,5,6,7],
           "shards":8,"entities":56,"lag":12,"started_at":"2026-11-22T05:59:18.000Z","uptime_seconds":42,
           "last_heartbeat":"2026-11-22T05:59:59.000Z","version":"0.1.0","akka_address":"akka.tcp://actorstreams@127.0.0.1:4054"},
          {"node_id":"node-3","address":"127.0.0.1:9112","status":"unreachable","partitions":[9,10,11],
           "shards":6,"entities":0,"lag":0,"started_at":"2026-11-20T02:00:00.000Z","uptime_seconds":187200,
           "last_heartbeat":"2026-11-22T05:59:40.000Z","version":"0.1.0","akka_address":"akka.tcp://actorstreams@127.0.0.1:4055"}]}
        """;

    public const string Shards = """
        {"shards":[
          {"kind":"merchant","partition":0,"owner":"node-1","active_entities":40,"checkpoint_sequence":12,
           "last_checkpoint_at":"2026-11-22T05:59:58.000Z","next_offsets":{"actorstreams-repartition-merchant":90},"in_flight":0,"lag":0},
          {"kind":"customer","partition":1,"owner":"node-2","active_entities":1000,"checkpoint_sequence":0,
           "last_checkpoint_at":null,"next_offsets":{},"in_flight":3,"lag":7},
          {"kind":"customer","partition":0,"owner":"node-1","active_entities":310,"checkpoint_sequence":57,
           "last_checkpoint_at":"2026-11-22T05:54:57.000Z","next_offsets":{"transactions":1200},"in_flight":0,"lag":5}],
         "unreachable":["node-3"]}
        """;

    public const string Lag = """
        {"partitions":[
          {"topic":"transactions","partition":1,"owner":"node-2","position":1100,"completed":1090,"end_offset":1250,"lag":150},
          {"topic":"transactions","partition":0,"owner":"node-1","position":1200,"completed":1200,"end_offset":1200,"lag":0},
          {"topic":"customer-activity","partition":0,"owner":"node-1","position":5000,"completed":5000,"end_offset":6234,"lag":1234}],
         "total":1384,"unreachable":[]}
        """;

    public const string Customer = """
        {"kind":"customer","id":"42","partition":7,"owner":"node-2","in_memory":true,
         "state":{"customer_id":42,
                  "fraud":{"transactions":4,"max_event_time":"2026-11-22T00:03:10.601Z","recent_devices":["dev-1","dev-2"],
                           "window":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]},
                  "churn":{"score":null,"flags":{}},
                  "history":[{"amount":12.5,"merchant":"m-1"},{"amount":99.0,"merchant":"m-2"}]}}
        """;

    public const string Health = """{"status":"up","node_id":"node-1"}""";
}
