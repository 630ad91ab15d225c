using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorStreams.Cli.Inspection;
using ActorStreams.Cli.Inspection.Model;
using ActorStreams.Hocon;
using Spectre.Console;

namespace ActorStreams.Cli.Commands;

/// <summary>
/// <c>actorstreams cmd [--node host:port] [--json] [--timeout T] &lt;palette&gt; &lt;command&gt;</c>: cluster
/// inspection through a node's admin API (docs/admin-api.md), in the manner of Petabridge.Cmd's <c>pbm</c>.
/// </summary>
internal static class CmdCommand
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    public static Command Create(CliContext context) => Create(context, InspectionServices.Default);

    /// <summary>The command with its network and clock replaced (tests).</summary>
    internal static Command Create(CliContext context, InspectionServices services)
    {
        var command = new Command(
            "cmd",
            "Inspect and manage a running cluster through any node's admin API (like Petabridge.Cmd's pbm); the node answers\n" +
            "from Akka.Cluster's membership and asks the others. Without --node, the admin API of actorstreams.http.bind/port\n" +
            "(127.0.0.1:9110 by default) is asked. Examples:\n" +
            "  actorstreams cmd cluster show\n" +
            "  actorstreams cmd --node 127.0.0.1:9111 entity show customer 42\n" +
            "  actorstreams cmd lag show --json");
        var options = new CmdOptions();
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        var session = new SessionFactory(context, services, options);
        command.Subcommands.Add(ClusterPalette(session));
        command.Subcommands.Add(ShardsPalette(session));
        command.Subcommands.Add(EntityPalette(session));
        command.Subcommands.Add(LagPalette(session));
        command.Subcommands.Add(JobsPalette(session));
        return command;
    }

    private static Command ClusterPalette(SessionFactory sessions)
    {
        var palette = new Command("cluster", "Cluster membership: list the members, make one leave, follow cluster events.");

        var show = new Command("show", "List the members: status, customer partitions, active entities, lag and uptime; then the node count.");
        show.SetAction((parse, ct) => sessions.RunAsync(parse, ct, async session =>
        {
            var json = await session.Api.GetAsync("/api/cluster", ct).ConfigureAwait(false);
            if (!session.WriteJsonIfAsked(json))
            {
                ClusterTable.Render(session.Console, Decode(json, AdminJsonContext.Default.ClusterView, session), session.Api.Address, session.Now);
            }

            return ExitCodes.Ok;
        }));

        var nodeId = new Argument<string>("node-id") { Description = "The member to leave, e.g. node-2 (see cluster show)." };
        var leave = new Command("leave", "Make a member leave gracefully: it hands its partitions off to the others, then exits.");
        leave.Arguments.Add(nodeId);
        leave.SetAction((parse, ct) => sessions.RunAsync(parse, ct, session => LeaveAsync(session, parse.GetValue(nodeId)!, ct)));

        var tail = new Command(
            "tail",
            "Follow cluster events (members up, left or unreachable; rebalances; partitions revoked and assigned with durations), " +
            "starting with the last 100 the node remembers, until Ctrl-C. With --json: one JSON event per line.");
        tail.SetAction((parse, ct) => sessions.RunAsync(parse, ct, session => TailAsync(session, ct)));

        palette.Subcommands.Add(show);
        palette.Subcommands.Add(leave);
        palette.Subcommands.Add(tail);
        return palette;
    }

    private static Command ShardsPalette(SessionFactory sessions)
    {
        var palette = new Command("shards", "Shards: a kind's partition (customer, merchant or loan) and the entities it hosts.");
        var local = LocalOption("shards");
        var show = new Command("show", "List every shard of the cluster: owner, active entities, last checkpoint (#sequence, age), lag; then totals.");
        show.Options.Add(local);
        show.SetAction((parse, ct) => sessions.RunAsync(parse, ct, async session =>
        {
            var json = await session.Api.GetAsync(parse.GetValue(local) ? "/api/shards?scope=local" : "/api/shards", ct).ConfigureAwait(false);
            if (!session.WriteJsonIfAsked(json))
            {
                ShardsTable.Render(session.Console, Decode(json, AdminJsonContext.Default.ShardsView, session), session.Now);
            }

            return ExitCodes.Ok;
        }));
        palette.Subcommands.Add(show);
        return palette;
    }

    private static Command EntityPalette(SessionFactory sessions)
    {
        var palette = new Command("entity", "Entities: one customer's, merchant's, device's or loan aggregate's live state.");
        var kind = new Argument<string>("kind") { Description = "customer, merchant or loan." };
        kind.AcceptOnlyFromAmong("customer", "merchant", "loan");
        var id = new Argument<string>("id")
        {
            Description = "The customer id, merchant id or loan entity id, e.g. 42, m-17, device:dev-42-1, channel:web or segment:prime.",
        };
        var show = new Command(
            "show",
            "Show one entity's state, answered by the node owning its partition (any node forwards): from memory when it is active, else from the store.");
        show.Arguments.Add(kind);
        show.Arguments.Add(id);
        show.SetAction((parse, ct) => sessions.RunAsync(parse, ct, async session =>
        {
            var entityKind = parse.GetValue(kind)!;
            var entityId = parse.GetValue(id)!;
            if (string.IsNullOrWhiteSpace(entityId))
            {
                throw new UsageException("the entity id must not be empty");
            }

            if (entityKind == "loan" && !Domain.Loans.LoanWindowKeys.IsEntity(entityId))
            {
                throw new UsageException($"loan entity ids are device:<device_id>, channel:<channel> or segment:<segment>, got \"{entityId}\"");
            }

            if (entityKind == "customer" && !long.TryParse(entityId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                throw new UsageException($"customer ids are integers, got \"{entityId}\"");
            }

            JsonElement json;
            try
            {
                json = await session.Api.GetAsync($"/api/entities/{entityKind}/{Uri.EscapeDataString(entityId)}", ct).ConfigureAwait(false);
            }
            catch (AdminApiException ex) when (ex.Status == HttpStatusCode.NotFound)
            {
                throw new AdminApiException($"{entityKind} {entityId} not found (never seen by the cluster)", ex.Status, ex);
            }

            if (!session.WriteJsonIfAsked(json))
            {
                EntityTree.Render(session.Console, Decode(json, AdminJsonContext.Default.EntityAnswer, session));
            }

            return ExitCodes.Ok;
        }));
        palette.Subcommands.Add(show);
        return palette;
    }

    private static Command LagPalette(SessionFactory sessions)
    {
        var palette = new Command("lag", "Consumer lag: records on the input topics not yet processed.");
        var local = LocalOption("partitions");
        var show = new Command("show", "List the lag of every input topic partition with its owner, read position and end offset; then the total.");
        show.Options.Add(local);
        show.SetAction((parse, ct) => sessions.RunAsync(parse, ct, async session =>
        {
            var json = await session.Api.GetAsync(parse.GetValue(local) ? "/api/lag?scope=local" : "/api/lag", ct).ConfigureAwait(false);
            if (!session.WriteJsonIfAsked(json))
            {
                LagTable.Render(session.Console, Decode(json, AdminJsonContext.Default.LagView, session));
            }

            return ExitCodes.Ok;
        }));
        palette.Subcommands.Add(show);
        return palette;
    }

    private static Command JobsPalette(SessionFactory sessions)
    {
        var palette = new Command("jobs", "Scheduled jobs (docs/lake.md): the cluster's singleton scheduler and its runs.");
        var show = new Command("show", "Show where the scheduler runs, each job's next run, and the last runs (outcome, summary or error), newest first.");
        show.SetAction((parse, ct) => sessions.RunAsync(parse, ct, async session =>
        {
            var json = await session.Api.GetAsync("/api/jobs", ct).ConfigureAwait(false);
            if (!session.WriteJsonIfAsked(json))
            {
                JobsTable.Render(session.Console, Decode(json, AdminJsonContext.Default.JobsView, session), session.Now);
            }

            return ExitCodes.Ok;
        }));
        palette.Subcommands.Add(show);
        return palette;
    }

    private static Option<bool> LocalOption(string what) =>
        new("--local") { Description = $"Only the {what} of the answering node (no fan-out to the other members)." };

    private static async Task<int> LeaveAsync(Session session, string nodeId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(nodeId))
        {
            throw new UsageException("the node id must not be empty");
        }

        JsonElement? answer;
        try
        {
            answer = await session.Api.PostAsync($"/api/cluster/leave/{Uri.EscapeDataString(nodeId)}", ct).ConfigureAwait(false);
        }
        catch (AdminApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            throw new AdminApiException($"{nodeId} is not a member of the cluster{await MembersHintAsync(session, ct).ConfigureAwait(false)}", ex.Status, ex);
        }

        if (session.Json)
        {
            if (answer is { } body)
            {
                session.WriteJson(body);
            }
        }
        else
        {
            await session.Output.WriteLineAsync($"{nodeId} is leaving the cluster (handing off its partitions)").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    /// <summary>" (members: node-1, node-2)", or nothing when the member list cannot be had.</summary>
    private static async Task<string> MembersHintAsync(Session session, CancellationToken ct)
    {
        try
        {
            var view = (await session.Api.GetAsync("/api/cluster", ct).ConfigureAwait(false)).Deserialize(AdminJsonContext.Default.ClusterView);
            return view is { Members.Count: > 0 } ? $" (members: {string.Join(", ", view.Members.Select(m => m.NodeId))})" : "";
        }
        catch (Exception ex) when (ex is AdminApiException or JsonException)
        {
            return "";
        }
    }

    private static async Task<int> TailAsync(Session session, CancellationToken ct)
    {
        using var signal = new ShutdownSignal(ct);
        var address = session.Api.Address;
        try
        {
            await using var stream = await session.Api.OpenStreamAsync("/api/events", signal.Token).ConfigureAwait(false);
            var reader = new ServerSentEventReader(stream, session.Services.EventStreamIdleTimeout);
            await foreach (var sse in reader.ReadAllAsync(signal.Token).ConfigureAwait(false))
            {
                await session.Output.WriteLineAsync(TailLine(sse, session.Json)).ConfigureAwait(false);
                await session.Output.FlushAsync(signal.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (TimeoutException ex)
        {
            throw new AdminApiException($"lost the event stream of node at {address}: {ex.Message} (not even a keep-alive); the node or the network is gone", null, ex);
        }
        catch (IOException ex)
        {
            throw new AdminApiException($"lost the event stream of node at {address}: {ex.Message}", null, ex);
        }

        throw new AdminApiException($"the event stream of node at {address} ended: the node stopped or left the cluster");
    }

    /// <summary>One output line per event: formatted, or with --json the event's JSON on one line.</summary>
    internal static string TailLine(ServerSentEvent sse, bool json)
    {
        ClusterEvent? e;
        string compact;
        try
        {
            using var document = JsonDocument.Parse(sse.Data);
            compact = Compact(document.RootElement);
            e = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Deserialize(AdminJsonContext.Default.ClusterEvent) : null;
        }
        catch (JsonException)
        {
            // A malformed event is shown as it came rather than ending the tail.
            return json ? JsonSerializer.Serialize(sse.Data, AdminJsonContext.Default.String) : $"{sse.Type}  {sse.Data.ReplaceLineEndings(" ")}";
        }

        if (json)
        {
            return compact;
        }

        var type = sse.Type != "message" ? sse.Type : e?.Type ?? sse.Type;
        return EventLine.Format(type, e ?? new ClusterEvent());
    }

    private static string Compact(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static T Decode<T>(JsonElement json, JsonTypeInfo<T> type, Session session)
    {
        try
        {
            return json.Deserialize(type) ?? throw new JsonException("null body");
        }
        catch (JsonException ex)
        {
            throw new AdminApiException($"node at {session.Api.Address} answered in an unexpected form ({ex.Message}); try --json", null, ex);
        }
    }

    /// <summary>The options every palette takes, before or after the palette and command (recursive).</summary>
    private sealed class CmdOptions
    {
        public Option<string?> Node { get; } = new("--node")
        {
            Description = "The node to ask: host:port or http://host:port of its admin API (default: actorstreams.http.bind:port, 127.0.0.1:9110).",
            HelpName = "host:port",
            Recursive = true,
        };

        public Option<string?> Config { get; } = Recursive(CommonOptions.ConfigFile(), "A HOCON file overriding hocon/application.conf (the default node's actorstreams.http.port).");

        public Option<bool> Json { get; } = new("--json")
        {
            Description = "Print the admin API's JSON (indented) instead of tables, for scripts.",
            Recursive = true,
        };

        public Option<string?> Timeout { get; } = new("--timeout")
        {
            Description = "How long to wait for each answer (default 5s).",
            HelpName = "duration",
            Recursive = true,
        };

        public IEnumerable<Option> All => [Node, Config, Json, Timeout];

        private static Option<string?> Recursive(Option<string?> option, string description)
        {
            option.Description = description;
            option.Recursive = true;
            return option;
        }
    }

    /// <summary>Resolves the options of one invocation into a <see cref="Session"/> and runs a command in it.</summary>
    private sealed class SessionFactory(CliContext context, InspectionServices services, CmdOptions options)
    {
        public async Task<int> RunAsync(ParseResult parse, CancellationToken ct, Func<Session, Task<int>> body)
        {
            var timeout = DefaultTimeout;
            if (parse.GetValue(options.Timeout) is { } text
                && (!HoconDuration.TryParse(text, out timeout) || timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(10)))
            {
                throw new UsageException($"--timeout must be a duration from 1ms to 10m (e.g. 5s, 500ms), got \"{text}\"");
            }

            using var api = services.Connect(parse.GetValue(options.Node) is { } node ? NodeAddress.Parse(node) : DefaultNode(parse), timeout);
            var session = new Session(context, services, api, InspectionConsole.Create(context.Output), parse.GetValue(options.Json));
            return await body(session).ConfigureAwait(false);
        }

        /// <summary>This host's node as the configuration names it (<c>actorstreams.http.bind:port</c>).</summary>
        private NodeAddress DefaultNode(ParseResult parse)
        {
            var config = ActorStreamsConfig.Load(context, parse.GetValue(options.Config), []);
            var port = config.GetInt("actorstreams.http.port", 9110);
            var bind = config.GetString("actorstreams.http.bind", "127.0.0.1");
            var host = bind is "0.0.0.0" or "::" or "localhost" ? "127.0.0.1"
                : System.Net.IPAddress.TryParse(bind, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bind}]"
                : bind;
            return port == 0 ? services.DefaultNode : NodeAddress.Parse($"{host}:{port.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>One invocation: the node's client, where to write, how.</summary>
    private sealed class Session(CliContext context, InspectionServices services, IAdminApi api, IAnsiConsole console, bool json)
    {
        private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public InspectionServices Services => services;

        public IAdminApi Api => api;

        public IAnsiConsole Console => console;

        public TextWriter Output => context.Output;

        public bool Json => json;

        public DateTimeOffset Now => services.Time.GetUtcNow();

        /// <summary>With --json, prints <paramref name="body"/> indented and returns true.</summary>
        public bool WriteJsonIfAsked(JsonElement body)
        {
            if (!json)
            {
                return false;
            }

            WriteJson(body);
            return true;
        }

        public void WriteJson(JsonElement body)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, Indented))
            {
                body.WriteTo(writer);
            }

            context.Output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
    }
}
