using Spectre.Console;

namespace ActorStreams.Cli.Inspection;

/// <summary>
/// The Spectre.Console console the inspection commands render through. On a terminal: colours and the terminal's
/// width. Anywhere else (a pipe, a file, a test's writer): plain ASCII text without escape codes, 100 columns
/// wide (or <c>COLUMNS</c>), so the output can be read, diffed and grepped.
/// </summary>
internal static class InspectionConsole
{
    /// <summary>The width of output that is not a terminal.</summary>
    public const int PlainWidth = 100;

    public static IAnsiConsole Create(TextWriter writer)
    {
        var output = new AnsiConsoleOutput(writer);
        var terminal = output.IsTerminal;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = output,
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns >= 40 ? columns : PlainWidth;
            console.Profile.Capabilities.Unicode = false;
        }

        return console;
    }

    /// <summary>A borderless table in the style of <c>kubectl get</c>: upper-case headers, columns two spaces apart.</summary>
    public static Table Table(params (string Header, bool Numeric)[] columns)
    {
        var table = new Table { Border = TableBorder.None, ShowHeaders = true };
        for (var i = 0; i < columns.Length; i++)
        {
            var (header, numeric) = columns[i];
            var column = new TableColumn(new Text(header, new Style(decoration: Decoration.Bold)))
            {
                Alignment = numeric ? Justify.Right : Justify.Left,
                // No padding after the last column, so lines carry no trailing blanks.
                Padding = new Padding(0, 0, i == columns.Length - 1 ? 0 : 2, 0),
                NoWrap = true,
            };
            table.AddColumn(column);
        }

        return table;
    }

    /// <summary>The colour of a member status.</summary>
    public static Style StatusStyle(string? status) => status switch
    {
        "up" => new Style(Color.Green),
        "leaving" => new Style(Color.Yellow),
        "unreachable" or "down" => new Style(Color.Red),
        _ => Style.Plain,
    };
}
